/**
 * `feedwright serve`, the real CLI in its own process: it serves the site on 127.0.0.1, builds
 * again when a post is edited (the page changes), and stops cleanly on SIGTERM and SIGINT.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, postText, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `feedwright serve --port 0` in `dir`; resolves with its URL once it listens. */
async function startServe(dir: string) {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
    cwd: dir,
    env: { ...process.env, GITHUB_ACTIONS: '' },
  });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out.stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    out.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  let url: string | undefined;
  while (!url) {
    url = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out.stdout)?.[1];
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`serve did not start:\n${out.stdout}\n${out.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, url, out, exited };
}

/** The page at `url` once `test` holds for its text, polling for at most 20 s. */
async function pageWhen(url: string, test: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await fetch(url).catch(() => undefined);
    const text = response ? await response.text() : '';
    if (response?.status === 200 && test(text)) return text;
    if (Date.now() > deadline)
      throw new Error(`the page never showed what was awaited:\n${text.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('feedwright serve (real CLI)', () => {
  it('serves the site and shows an edited post after it builds again', async () => {
    const dir = await makeSite({
      'story.md': postText({ title: 'Council meets', date: '2026-03-01' }),
    });
    const serve = await startServe(dir);
    const story = `${serve.url}posts/story/`;
    const before = await pageWhen(story, (text) => text.includes('Council meets'));
    expect(before).toContain('<h1');
    expect(before).toContain('new EventSource("/__feedwright/live")');

    await writeFile(
      path.join(dir, 'posts/story.md'),
      postText({ title: 'Council votes the budget', date: '2026-03-01' }, 'The vote was 7 to 2.\n'),
    );
    const after = await pageWhen(story, (text) => text.includes('Council votes the budget'));
    expect(after).toContain('The vote was 7 to 2.');
    expect(after).not.toContain('Council meets');
    const feed = (await (await fetch(`${serve.url}feed.json`)).json()) as {
      items: { title: string; url: string }[];
    };
    expect(feed.items[0]?.title).toBe('Council votes the budget');
    // Feed links point at the server being previewed, not the live site.
    expect(feed.items[0]?.url).toBe(`${serve.url}posts/story/`);

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(serve.out.stdout).toMatch(
      /posts\/story\.md changed — built in \d+\.\d\ds: \d+ files? written\n/,
    );
    expect(serve.out.stdout.endsWith('feedwright: stopped\n')).toBe(true);
    expect(serve.out.stderr).toBe('');
  });

  it('stops on Ctrl+C (SIGINT) with exit 0', async () => {
    const dir = await makeSite({ 'a.md': postText({ title: 'A', date: '2026-03-01' }) });
    const serve = await startServe(dir);
    await pageWhen(serve.url, (text) => text.includes('A'));
    serve.child.kill('SIGINT');
    expect(await serve.exited).toBe(0);
  });
});
