import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVE_OUT, serveCommand } from '../../../src/cli/serve-command.js';
import type { Flags } from '../../../src/cli/usage.js';
import { MANIFEST_FILE } from '../../../src/manifest.js';
import { fakeIo } from '../../helpers/cli-io.js';
import { postText, siteMaker } from '../../helpers/site.js';

const makeSite = siteMaker();

/** Runs serve in-process in `dir` until `stop()`; `url` once it listens. */
async function serve(dir: string, flags: Flags = {}) {
  const { io, out } = fakeIo(dir);
  const controller = new AbortController();
  io.signal = controller.signal;
  const exit = serveCommand({ port: '0', ...flags }, io);
  const deadline = Date.now() + 10_000;
  let url: string | undefined;
  while (!url) {
    url = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out.stdout)?.[1];
    if (Date.now() > deadline) throw new Error(`serve did not start: ${out.stderr}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const served = url;
  return {
    url: served,
    out,
    page: async (pathname = '/') => {
      const response = await fetch(new URL(pathname, served));
      return { status: response.status, text: await response.text() };
    },
    /** The page at `pathname` once `test` holds for it (the server builds in the background). */
    pageWhen: async (test: (page: { status: number; text: string }) => boolean, pathname = '/') => {
      const until = Date.now() + 15_000;
      for (;;) {
        const response = await fetch(new URL(pathname, served));
        const page = { status: response.status, text: await response.text() };
        if (test(page)) return page;
        if (Date.now() > until)
          throw new Error(
            `the page never changed: ${page.status} ${page.text.slice(0, 300)}\n${out.stderr}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: async () => {
      controller.abort();
      return exit;
    },
  };
}

describe('serveCommand', () => {
  it('serves the site, builds again on every change, and keeps the last good build through a failed one', async () => {
    const dir = await makeSite({ 'a.md': postText({ title: 'First title', date: '2026-02-01' }) });
    const s = await serve(dir);
    try {
      const home = await s.pageWhen((p) => p.status === 200);
      expect(home.text).toContain('First title');
      expect(home.text).toContain('new EventSource("/__feedwright/live")');
      // Links to the site go to the local server instead.
      expect(home.text).toContain(`href="${s.url}rss.xml"`);
      expect(s.out.stdout).toMatch(
        /\nfeedwright: built 1 posts, 1 published, 1 feeds \(\d+ files\) in \d+\.\d\ds\n/,
      );

      await writeFile(
        path.join(dir, 'posts/a.md'),
        postText({ title: 'Second title', date: '2026-02-01' }),
      );
      const edited = await s.pageWhen((p) => p.text.includes('Second title'));
      expect(edited.text).not.toContain('First title');
      await s.pageWhen(() =>
        /posts\/a\.md changed — built in \d+\.\d\ds: \d+ files written\n/.test(s.out.stdout),
      );

      await writeFile(path.join(dir, 'posts/a.md'), postText({ title: 'Broken: no date' }));
      const broken = await s.pageWhen((p) => p.text.includes('the last build failed'));
      expect(broken.text).toContain('Second title');
      expect(broken.text).toMatch(/posts\/a\.md\S* {2}date {2}date is missing/);
      expect(s.out.stderr).toMatch(
        /feedwright: posts\/a\.md changed — build failed: 1 error; still serving the last good build\n/,
      );

      await writeFile(
        path.join(dir, 'posts/a.md'),
        postText({ title: 'Fixed title', date: '2026-02-01' }),
      );
      // The fixed build's pages replace the broken one's banner once it has written them all (its
      // manifest last): a page asked for while it writes may show the new story under the old
      // banner for that moment (see the next test).
      const fixed = await s.pageWhen(
        (p) => p.text.includes('Fixed title') && !p.text.includes('the last build failed'),
      );
      expect(fixed.text).toContain('Fixed title');
    } finally {
      expect(await s.stop()).toBe(0);
    }
    expect(s.out.stdout.endsWith('feedwright: stopped\n')).toBe(true);
    // Built into its own folder: never dist/.
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(existsSync(path.join(dir, SERVE_OUT, 'index.html'))).toBe(true);
  });

  it('shows a failed build’s banner only over the pages it was about: once a build writes, its pages are its own', async () => {
    // A build writes its files before it returns; a page asked for in between must not carry the
    // banner of the failure before it. The manifest replaced (as every writing build does) stands
    // for that moment here, with no build running.
    const dir = await makeSite({ 'a.md': postText({ title: 'Good', date: '2026-02-01' }) });
    const s = await serve(dir, { out: 'preview' });
    try {
      await s.pageWhen((p) => p.status === 200);
      await writeFile(path.join(dir, 'posts/a.md'), postText({ title: 'Broken: no date' }));
      await s.pageWhen((p) => p.text.includes('the last build failed'));
      const manifest = path.join(dir, 'preview', MANIFEST_FILE);
      await writeFile(manifest, await readFile(manifest));
      const page = await s.page();
      expect(page.text).toContain('Good');
      expect(page.text).not.toContain('the last build failed');
    } finally {
      await s.stop();
    }
  });

  it('rebuilds when the config changes', async () => {
    const dir = await makeSite({ 'a.md': postText({ title: 'A', date: '2026-02-01' }) });
    const s = await serve(dir);
    try {
      await s.pageWhen((p) => p.status === 200);
      const config = JSON.parse(await readFile(path.join(dir, 'feedwright.config.json'), 'utf8'));
      await writeFile(
        path.join(dir, 'feedwright.config.json'),
        JSON.stringify({ ...config, title: 'Renamed News' }),
      );
      await s.pageWhen((p) => p.text.includes('Renamed News'));
    } finally {
      await s.stop();
    }
  });

  it('starts without a good build, says why on every page, and serves once fixed', async () => {
    const dir = await makeSite({ 'a.md': postText({ title: 'No date yet' }) });
    const s = await serve(dir, { out: 'preview' });
    try {
      const waiting = await s.pageWhen((p) => p.text.includes('date is missing'));
      expect(waiting.status).toBe(503);
      expect(s.out.stderr).toMatch(/build failed: 1 error; nothing to serve until it builds\n/);
      await writeFile(
        path.join(dir, 'posts/a.md'),
        postText({ title: 'Dated now', date: '2026-02-01' }),
      );
      const fixed = await s.pageWhen((p) => p.status === 200);
      expect(fixed.text).toContain('Dated now');
      expect(existsSync(path.join(dir, 'preview/index.html'))).toBe(true);
    } finally {
      await s.stop();
    }
  });

  it('says so when the port is in use, with exit 1', async () => {
    const dir = await makeSite({});
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const { io, out } = fakeIo(dir);
      expect(await serveCommand({ port: String(port) }, io)).toBe(1);
      expect(out.stderr).toBe(
        `feedwright: port ${port} on 127.0.0.1 is in use (another feedwright serve?) — stop it, or pass --port N (--port 0 picks a free one)\n`,
      );
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('refuses a port that is not one, with exit 2', async () => {
    const dir = await makeSite({});
    for (const port of ['http', '-1', '65536', '80.5']) {
      const { io, out } = fakeIo(dir);
      expect(await serveCommand({ port }, io)).toBe(2);
      expect(out.stderr).toBe(
        `feedwright: --port must be a whole number from 0 to 65535 (0 picks a free port), not "${port}"\n`,
      );
    }
  });
});
