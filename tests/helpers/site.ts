import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { stringify } from 'yaml';
import type { UserConfig } from '../../src/config/validate-config.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(REPO, 'bin/feedwright.js');

export function makeConfig(overrides: Partial<UserConfig> = {}): UserConfig {
  return {
    title: 'Test News',
    description: 'News for tests',
    url: 'https://news.example.com/',
    language: 'en',
    timezone: 'America/Toronto',
    author: { name: 'Desk', email: 'desk@example.com' },
    ...overrides,
  };
}

/** A post file: front matter from an object (YAML-serialised) or raw YAML text, then the body. */
export function postText(front: Record<string, unknown> | string, body = 'Hello.\n'): string {
  const yaml = typeof front === 'string' ? front : stringify(front);
  return `---\n${yaml.endsWith('\n') ? yaml : `${yaml}\n`}---\n${body}`;
}

export async function makeSite(
  posts: Record<string, string | Buffer>,
  config: UserConfig | string = makeConfig(),
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-test-'));
  await writeFile(
    path.join(dir, 'feedwright.config.json'),
    typeof config === 'string' ? config : JSON.stringify(config, null, 2),
  );
  await mkdir(path.join(dir, 'posts'), { recursive: true });
  for (const [file, content] of Object.entries(posts)) {
    const target = path.join(dir, 'posts', file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return dir;
}

/** `makeSite` for one test file: every site it makes is removed once the file's tests are done. */
export function siteMaker(): typeof makeSite {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (...args) => {
    const dir = await makeSite(...args);
    dirs.push(dir);
    return dir;
  };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a separate process. */
export function runCli(
  cwd: string,
  args: string[] = ['build'],
  env: Record<string, string> = {},
): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like `runCli`, without blocking this process (needed when the test itself runs a server). */
export function runCliAsync(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, GITHUB_ACTIONS: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every file under `dir` with its sha256, for "nothing changed" assertions. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(rel: string) {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else
        out[child] = createHash('sha256')
          .update(await readFile(path.join(dir, child)))
          .digest('hex');
    }
  }
  await walk('');
  return out;
}

export const read = (dir: string, file: string) => readFile(path.join(dir, file), 'utf8');
