import { copyFile, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConfig, makeSite, postText, runCli, runCliAsync } from '../helpers/site.js';

/** A WebSub hub on 127.0.0.1 that records every publish ping and answers with `status`. */
function startHub(status: number) {
  const received: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push(new URLSearchParams(body).get('hub.url') ?? '');
      res.writeHead(status).end(status >= 400 ? 'no such topic' : '');
    });
  });
  return new Promise<{ server: Server; url: string; received: string[] }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        received,
      });
    });
  });
}

describe('feedwright ping (real CLI, real local hub)', () => {
  let good: Awaited<ReturnType<typeof startHub>>;
  let bad: Awaited<ReturnType<typeof startHub>>;
  beforeAll(async () => {
    good = await startHub(204);
    bad = await startHub(400);
  });
  afterAll(() => {
    good.server.close();
    bad.server.close();
  });

  it('announces the hub in every feed, and pings it only for feeds that changed', async () => {
    const dir = await makeSite(
      { 'a.md': postText({ title: 'A', date: '2026-01-01', categories: ['News'] }) },
      makeConfig({ hubs: [good.url] }),
    );
    expect(runCli(dir).status).toBe(0);
    for (const feed of [
      'rss.xml',
      'atom.xml',
      'categories/news/rss.xml',
      'categories/news/atom.xml',
    ]) {
      expect(await readFile(path.join(dir, 'dist', feed), 'utf8')).toContain(`rel="hub"`);
    }
    expect(JSON.parse(await readFile(path.join(dir, 'dist/feed.json'), 'utf8')).hubs).toEqual([
      { type: 'WebSub', url: good.url },
    ]);
    await copyFile(
      path.join(dir, 'dist/.feedwright-manifest.json'),
      path.join(dir, 'previous.json'),
    );
    // Only the category-less site feed set changes when a post without categories is added.
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(path.join(dir, 'posts/b.md'), postText({ title: 'B', date: '2026-01-02' })),
    );
    expect(runCli(dir).status).toBe(0);
    const run = await runCliAsync(dir, ['ping', '--previous', 'previous.json']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('feedwright: pinged 1 hub for 3 changed feeds: 3 ok, 0 failed\n');
    expect(good.received.sort()).toEqual([
      'https://news.example.com/atom.xml',
      'https://news.example.com/feed.json',
      'https://news.example.com/rss.xml',
    ]);
  });

  it('exits 1 with a clear message when a hub refuses', async () => {
    const dir = await makeSite(
      { 'a.md': postText({ title: 'A', date: '2026-01-01' }) },
      makeConfig({ hubs: [bad.url] }),
    );
    expect(runCli(dir).status).toBe(0);
    const run = await runCliAsync(dir, ['ping']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `hub ${bad.url} rejected https://news.example.com/rss.xml: HTTP 400`,
    );
    expect(run.stdout).toMatch(/0 ok, 3 failed/);
  });

  it('says to build first when there is no output', async () => {
    const dir = await makeSite({});
    const run = runCli(dir, ['ping']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/feedwright build/);
  });
});
