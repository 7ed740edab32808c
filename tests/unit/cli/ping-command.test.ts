import { copyFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { pingCommand } from '../../../src/cli/ping-command.js';
import type { Flags } from '../../../src/cli/usage.js';
import { MANIFEST_FILE } from '../../../src/manifest.js';
import { fakeIo } from '../../helpers/cli-io.js';
import { makeConfig, makeSite as makeTempSite, postText } from '../../helpers/site.js';

// A real hub on 127.0.0.1: `/ok` answers 204, `/refuse` answers 400 with a reason.
let server: Server;
let origin: string;
const received: { path: string; feed: string | null }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', feed: new URLSearchParams(body).get('hub.url') });
      if (req.url === '/ok') res.writeHead(204).end();
      else res.writeHead(400, { 'content-type': 'text/plain' }).end('no such topic');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

const sites: string[] = [];
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await Promise.all(sites.map((dir) => rm(dir, { recursive: true, force: true })));
});

const SITE = 'https://news.example.com/';
const SITE_FEEDS = ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${SITE}${f}`);

/** A site with one post in category News, built into `dist` (or `out`) with `hubs` configured. */
async function builtSite(hubs: string[], out = 'dist'): Promise<string> {
  const dir = await makeTempSite(
    { 'a.md': postText({ title: 'A', date: '2026-01-01', categories: ['News'] }) },
    makeConfig({ hubs }),
  );
  sites.push(dir);
  await build({ cwd: dir, outDir: out, cacheDir: false });
  return dir;
}

async function ping(dir: string, flags: Flags = {}) {
  const { io, out } = fakeIo(dir);
  received.length = 0;
  const code = await pingCommand(flags, io);
  return { code, ...out, received: [...received] };
}

describe('pingCommand', () => {
  it('says there is nothing to ping when the config has no hubs, and exits 0', async () => {
    const dir = await builtSite([]);
    expect(await ping(dir)).toEqual({
      code: 0,
      stdout: 'feedwright: no WebSub hubs configured: nothing to ping\n',
      stderr: '',
      received: [],
    });
  });

  it('pings a hub that answers 204 for every feed, logs each on stderr, and exits 0', async () => {
    const hub = `${origin}/ok`;
    const dir = await builtSite([hub]);
    const result = await ping(dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('feedwright: pinged 1 hub for 6 changed feeds: 6 ok, 0 failed\n');
    const feeds = [
      ...SITE_FEEDS,
      ...SITE_FEEDS.map((f) => f.replace(SITE, `${SITE}categories/news/`)),
    ];
    expect(result.received.map((r) => r.feed).sort()).toEqual([...feeds].sort());
    expect(result.received.every((r) => r.path === '/ok')).toBe(true);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'websub: no previous manifest to compare with: treating every feed as changed',
    );
    expect(lines.slice(1).sort()).toEqual(
      feeds.map((f) => `websub: ${hub} <- ${f}: HTTP 204 ok`).sort(),
    );
  });

  it('with quiet logs nothing but still prints the summary', async () => {
    const dir = await builtSite([`${origin}/ok`]);
    const result = await ping(dir, { quiet: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('feedwright: pinged 1 hub for 6 changed feeds: 6 ok, 0 failed\n');
  });

  it('with --previous pings only the feeds that changed since that manifest', async () => {
    const dir = await builtSite([`${origin}/ok`]);
    await copyFile(path.join(dir, 'dist', MANIFEST_FILE), path.join(dir, 'previous.json'));
    const same = await ping(dir, { previous: 'previous.json' });
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('feedwright: no feeds changed: nothing to ping (1 hub configured)\n');
    expect(same.received).toEqual([]);
  });

  it('exits 1 and prints the hub error on stderr when the hub answers 400', async () => {
    const hub = `${origin}/refuse`;
    const dir = await builtSite([hub]);
    const result = await ping(dir, { quiet: true });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('feedwright: pinged 1 hub for 6 changed feeds: 0 ok, 6 failed\n');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines).toContain(
      `feedwright: hub ${hub} rejected ${SITE}rss.xml: HTTP 400 Bad Request: no such topic`,
    );
    expect(result.received).toHaveLength(6); // a 4xx is not retried
  });

  it('reads the output folder given by --out and the config given by --config', async () => {
    const dir = await builtSite([`${origin}/ok`], 'public-site');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'other.json'), JSON.stringify(makeConfig({ hubs: [] })));
    const result = await ping(dir, { out: 'public-site', config: 'other.json' });
    expect(result).toMatchObject({
      code: 0,
      stdout: 'feedwright: no WebSub hubs configured: nothing to ping\n',
    });
  });

  it('exits 1 with the located message when there is no manifest', async () => {
    const dir = await builtSite([`${origin}/ok`]);
    const result = await ping(dir, { out: 'nowhere' });
    const outDir = path.join(dir, 'nowhere');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `${path.join(outDir, MANIFEST_FILE)}  no readable ${MANIFEST_FILE} in ${outDir} — run feedwright build first (or pass the --out folder it wrote)\n`,
      received: [],
    });
  });

  it('exits 1 naming the previous manifest when it cannot be read', async () => {
    const dir = await builtSite([`${origin}/ok`]);
    const result = await ping(dir, { previous: 'old.json' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${path.join(dir, 'old.json')}  previous manifest not readable (ENOENT) — pass the path of a manifest saved from an earlier build, or leave --previous out\n`,
    );
    expect(result.received).toEqual([]);
  });

  it('exits 1 when the config file is missing', async () => {
    const dir = await builtSite([]);
    const result = await ping(dir, { config: 'missing.json' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'missing.json  config file not found — create feedwright.config.json (see the README) or pass --config FILE\n',
    );
  });
});
