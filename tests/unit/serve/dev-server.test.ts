import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevServer, type ServedSite, startDevServer } from '../../../src/serve/dev-server.js';
import { LIVE_PATH } from '../../../src/serve/live-reload.js';
import { png } from '../../helpers/png.js';

const SITE_URL = 'https://me.github.io/gazette/';
let root: string;
const state = { built: true, problems: undefined as string | undefined };
let server: DevServer;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'feedwright-dev-server-'));
  await mkdir(path.join(root, 'posts/hello'), { recursive: true });
  await writeFile(
    path.join(root, 'index.html'),
    `<!doctype html><html><head><link rel="canonical" href="${SITE_URL}"></head><body><a href="${SITE_URL}posts/hello/">Hello</a></body></html>`,
  );
  await writeFile(path.join(root, 'posts/hello/index.html'), '<body>Hello</body>');
  await writeFile(
    path.join(root, 'rss.xml'),
    `<rss><channel><link>${SITE_URL}</link></channel></rss>`,
  );
  await writeFile(path.join(root, 'logo.png'), png(3, 2));
  const site: ServedSite = {
    root,
    built: () => state.built,
    siteUrl: () => SITE_URL,
    problems: () => state.problems,
  };
  server = await startDevServer(site, 0);
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

async function fetchText(pathname: string, init: RequestInit = {}) {
  const response = await fetch(new URL(pathname, server.url), { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('startDevServer', () => {
  it('listens on 127.0.0.1 and says where', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves pages with the live-reload script, and links to the site made local', async () => {
    const page = await fetchText('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain(`<link rel="canonical" href="${server.url}">`);
    expect(page.text).toContain(`<a href="${server.url}posts/hello/">Hello</a>`);
    expect(page.text).not.toContain(SITE_URL);
    expect(page.text).toMatch(/<script>[^<]*EventSource[^<]*<\/script><\/body>/);
  });

  it('serves feeds with local links and no script; images as they are', async () => {
    const feed = await fetchText('/rss.xml');
    expect(feed.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(feed.text).toBe(`<rss><channel><link>${server.url}</link></channel></rss>`);
    const image = await fetch(new URL('/logo.png', server.url));
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(png(3, 2));
  });

  it('redirects a folder without its slash, and answers HEAD without a body', async () => {
    const moved = await fetchText('/posts/hello');
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/posts/hello/');
    const head = await fetch(new URL('/', server.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 with a page that reloads itself, and 405 to anything but GET and HEAD', async () => {
    const missing = await fetchText('/nope/');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Nothing is published at /nope/.');
    expect(missing.text).toContain(LIVE_PATH);
    const post = await fetchText('/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it("shows the last build's problems on every page, until a build succeeds", async () => {
    state.problems = 'posts/a.md:2  date  date is missing';
    const page = await fetchText('/posts/hello/');
    expect(page.text).toContain('the last build failed');
    expect(page.text).toContain('posts/a.md:2  date  date is missing');
    state.problems = undefined;
    expect((await fetchText('/posts/hello/')).text).not.toContain('the last build failed');
  });

  it('answers 503 with the reason while there is no good build yet', async () => {
    state.built = false;
    try {
      const waiting = await fetchText('/');
      expect(waiting.status).toBe(503);
      expect(waiting.text).toContain('The site is being built');
      state.problems = 'feedwright.config.json  config file not found';
      const failed = await fetchText('/');
      expect(failed.text).toContain('fix the problems below');
      expect(failed.text).toContain('config file not found');
    } finally {
      state.built = true;
      state.problems = undefined;
    }
  });

  it('streams reload events to pages listening', async () => {
    const events = await new Promise<string>((resolve, reject) => {
      const req = request(new URL(LIVE_PATH, server.url), (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('retry:') && !text.includes('event:')) server.live.reload();
          if (text.includes('event: reload')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(events).toBe('retry: 1000\n\nevent: reload\ndata: build\n\n');
  });
});

describe('startDevServer on a port in use', () => {
  it('rejects with EADDRINUSE', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const site = { root, built: () => true, siteUrl: () => undefined, problems: () => undefined };
      await expect(startDevServer(site, port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
