import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { MANIFEST_FILE } from '../../../src/manifest.js';
import { pingHubs } from '../../../src/publish/ping.js';
import { isFeedPath } from '../../../src/urls.js';

// A real HTTP hub on 127.0.0.1 that records every request and answers from a script.

interface Recorded {
  method: string;
  path: string;
  contentType: string | undefined;
  raw: string;
  body: Record<string, string>;
}

/** What the hub does with the n-th request (0-based) it gets on one path. */
type Reply =
  | { status: number; body?: string; headers?: Record<string, string> }
  | { hang: true }
  | { destroy: true };
type Script = (n: number, request: Recorded) => Reply;

let server: Server;
let base: string;
let requests: Recorded[] = [];
let scripts = new Map<string, Script>();
const counts = new Map<string, number>();
const hanging = new Set<ServerResponse>();

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', base);
  const recorded: Recorded = {
    method: req.method ?? '',
    path: url.pathname,
    contentType: req.headers['content-type'],
    raw,
    body: Object.fromEntries(new URLSearchParams(raw)),
  };
  requests.push(recorded);
  const n = counts.get(url.pathname) ?? 0;
  counts.set(url.pathname, n + 1);
  const script: Script =
    scripts.get(url.pathname) ?? (() => ({ status: 404, body: 'no such hub' }));
  const reply = script(n, recorded);
  if ('hang' in reply) {
    hanging.add(res); // never answered; closed in afterEach
    return;
  }
  if ('destroy' in reply) {
    req.socket.destroy();
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
  res.end(reply.body ?? '');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const dirs: string[] = [];
afterEach(async () => {
  for (const res of hanging) res.destroy();
  hanging.clear();
  requests = [];
  scripts = new Map();
  counts.clear();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const hub = (name: string, script: Script) => {
  scripts.set(`/${name}`, script);
  return `${base}/${name}`;
};
const always =
  (reply: Reply): Script =>
  () =>
    reply;
const ok204 = always({ status: 204 });

const SITE = 'https://news.example.com/blog/';
const h = (c: string) => c.repeat(64);

/** The build's output: feeds plus one file that is not a feed. */
const CURRENT: Record<string, string> = {
  'rss.xml': h('1'),
  'atom.xml': h('2'),
  'feed.json': h('3'),
  'categories/politics/rss.xml': h('4'),
  'categories/politics/atom.xml': h('5'),
  'categories/politics/feed.json': h('6'),
  'categories/new-one/rss.xml': h('7'),
  'styles/myrss.xml.txt': h('8'),
};
/** The live site's manifest: site rss.xml and politics atom.xml differ, new-one is new. */
const PREVIOUS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(CURRENT).filter(([p]) => !p.includes('new-one'))),
  'rss.xml': h('a'),
  'categories/politics/atom.xml': h('b'),
  'styles/myrss.xml.txt': h('c'),
};
const CHANGED_URLS = [
  `${SITE}rss.xml`,
  `${SITE}categories/politics/atom.xml`,
  `${SITE}categories/new-one/rss.xml`,
];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-ping-'));
  dirs.push(dir);
  return dir;
}

/** An output folder holding only a manifest (all `pingHubs` reads). */
async function outDir(files: Record<string, string> = CURRENT, extra = {}): Promise<string> {
  const dir = path.join(await tempDir(), 'dist');
  await mkdir(dir);
  await writeFile(
    path.join(dir, MANIFEST_FILE),
    JSON.stringify({ generator: 'feedwright', files, ...extra }, null, 2),
  );
  return dir;
}

async function previousFile(files: Record<string, string> = PREVIOUS): Promise<string> {
  const file = path.join(await tempDir(), 'previous-manifest.json');
  await writeFile(file, JSON.stringify({ generator: 'feedwright', files }));
  return file;
}

const fast = { baseDelayMs: 5, timeoutMs: 5_000 } as const;
const formBody = (feed: string) =>
  `hub.mode=publish&hub.url=${encodeURIComponent(feed).replace(/%20/g, '+')}`;

describe('pingHubs against a real HTTP hub', () => {
  it('POSTs hub.mode=publish&hub.url=<feed> as a form to every hub for every changed feed', async () => {
    const a = hub('hub-a', ok204);
    const b = hub('hub-b', always({ status: 202 }));
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [a, b],
      previousManifest: await previousFile(),
      ...fast,
    });

    expect(requests).toHaveLength(6);
    for (const r of requests) {
      expect(r.method).toBe('POST');
      expect(r.contentType).toBe('application/x-www-form-urlencoded');
      expect(Object.keys(r.body)).toEqual(['hub.mode', 'hub.url']);
      expect(r.body['hub.mode']).toBe('publish');
    }
    const sent = (p: string) =>
      requests
        .filter((r) => r.path === p)
        .map((r) => r.raw)
        .sort();
    const expected = CHANGED_URLS.map(formBody).sort();
    expect(sent('/hub-a')).toEqual(expected);
    expect(sent('/hub-b')).toEqual(expected);
    expect(expected).toContain(
      'hub.mode=publish&hub.url=https%3A%2F%2Fnews.example.com%2Fblog%2Frss.xml',
    );
    expect(result.ok).toBe(6);
    expect(result.failed).toBe(0);
    expect(result.outcomes.map((o) => [o.hub, o.feed, o.ok, o.status, o.attempts])).toEqual(
      CHANGED_URLS.flatMap((feed) => [
        [a, feed, true, 204, 1],
        [b, feed, true, 202, 1],
      ]),
    );
  });

  it('does not ping feeds whose hash equals the previous manifest, nor files that are not feeds', async () => {
    hub('hub-a', ok204);
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [`${base}/hub-a`],
      previousManifest: await previousFile(),
      ...fast,
    });
    expect(result.basis).toBe('previous');
    expect(result.feeds).toEqual([
      { path: 'rss.xml', url: `${SITE}rss.xml` },
      { path: 'categories/politics/atom.xml', url: `${SITE}categories/politics/atom.xml` },
      { path: 'categories/new-one/rss.xml', url: `${SITE}categories/new-one/rss.xml` },
    ]);
    const pinged = requests.map((r) => r.body['hub.url']);
    for (const unchanged of ['atom.xml', 'feed.json', 'categories/politics/rss.xml'])
      expect(pinged).not.toContain(`${SITE}${unchanged}`);
    expect(pinged.some((u) => u?.includes('styles/'))).toBe(false);
    expect(isFeedPath('styles/myrss.xml.txt')).toBe(false);
    expect(isFeedPath('categories/x/feed.json')).toBe(true);
  });

  it('pings nothing when nothing changed', async () => {
    hub('hub-a', ok204);
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [`${base}/hub-a`],
      previousManifest: await previousFile(CURRENT),
      ...fast,
    });
    expect(requests).toHaveLength(0);
    expect(result.outcomes).toEqual([]);
    expect(result.summary).toBe('no feeds changed: nothing to ping (1 hub configured)');
  });

  it('summarises in one line: "pinged 2 hubs for 3 changed feeds: 6 ok, 0 failed"', async () => {
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [hub('hub-a', ok204), hub('hub-b', ok204)],
      previousManifest: await previousFile(),
      ...fast,
    });
    expect(result.summary).toBe('pinged 2 hubs for 3 changed feeds: 6 ok, 0 failed');
    expect(result.summary).not.toContain('\n');
  });

  it('counts failures in the summary and uses singular forms', async () => {
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [hub('bad', always({ status: 400, body: 'nope' }))],
      previousManifest: await previousFile({ ...CURRENT, 'rss.xml': h('f') }),
      ...fast,
    });
    expect(result.summary).toBe('pinged 1 hub for 1 changed feed: 0 ok, 1 failed');
  });

  it('retries a 500 with backoff and succeeds on the next 204', async () => {
    const flaky = hub('flaky', (n) => (n === 0 ? { status: 500, body: 'boom' } : { status: 204 }));
    const lines: string[] = [];
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [flaky],
      previousManifest: await previousFile({ ...CURRENT, 'feed.json': h('f') }),
      ...fast,
      log: (line) => lines.push(line),
    });
    expect(requests).toHaveLength(2);
    expect(requests[0]?.raw).toBe(requests[1]?.raw);
    expect(result.outcomes).toEqual([
      { hub: flaky, feed: `${SITE}feed.json`, ok: true, status: 204, attempts: 2 },
    ]);
    expect(lines.some((l) => /HTTP 500.*retrying in \d+ ms \(attempt 2 of 4\)/.test(l))).toBe(true);
  });

  it('gives up after 1 + retries attempts on a hub that keeps failing with 5xx, without throwing', async () => {
    const down = hub('down', always({ status: 503, body: 'maintenance' }));
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [down],
      previousManifest: await previousFile({ ...CURRENT, 'feed.json': h('f') }),
      ...fast,
      retries: 2,
    });
    expect(requests).toHaveLength(3);
    const [outcome] = result.outcomes;
    expect(outcome?.ok).toBe(false);
    expect(outcome?.attempts).toBe(3);
    expect(outcome?.status).toBe(503);
    expect(outcome?.error).toContain(down);
    expect(outcome?.error).toContain(`${SITE}feed.json`);
    expect(outcome?.error).toContain('HTTP 503');
    expect(outcome?.error).toContain('maintenance');
    expect(outcome?.error).toContain('gave up after 3 attempts');
    expect(result.failed).toBe(1);
  });

  it('does not retry a 4xx and names hub, feed, status and the first 200 characters of the answer', async () => {
    const text = `topic not allowed ${'x'.repeat(300)}`;
    const strict = hub('strict', always({ status: 400, body: text }));
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [strict],
      previousManifest: await previousFile({ ...CURRENT, 'atom.xml': h('f') }),
      ...fast,
    });
    expect(requests).toHaveLength(1);
    const [outcome] = result.outcomes;
    expect(outcome?.attempts).toBe(1);
    expect(outcome?.status).toBe(400);
    expect(outcome?.error).toBe(
      `hub ${strict} rejected ${SITE}atom.xml: HTTP 400 Bad Request: ${text.slice(0, 200)}`,
    );
    expect(result.summary).toBe('pinged 1 hub for 1 changed feed: 0 ok, 1 failed');
  });

  it('retries an attempt that exceeds the timeout, then succeeds', async () => {
    const slow = hub('slow', (n) => (n === 0 ? { hang: true } : { status: 204 }));
    const started = performance.now();
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [slow],
      previousManifest: await previousFile({ ...CURRENT, 'rss.xml': h('f') }),
      baseDelayMs: 5,
      timeoutMs: 200,
    });
    expect(requests).toHaveLength(2);
    expect(result.outcomes[0]).toMatchObject({ ok: true, status: 204, attempts: 2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('reports a hub that never answers as timed out after the last retry', async () => {
    const dead = hub('dead', always({ hang: true }));
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [dead],
      previousManifest: await previousFile({ ...CURRENT, 'rss.xml': h('f') }),
      baseDelayMs: 5,
      timeoutMs: 100,
      retries: 1,
    });
    expect(requests).toHaveLength(2);
    expect(result.outcomes[0]).toMatchObject({ ok: false, attempts: 2 });
    expect(result.outcomes[0]?.status).toBeUndefined();
    expect(result.outcomes[0]?.error).toContain('timed out after 100 ms');
  });

  it('retries network errors (connection reset, connection refused)', async () => {
    const reset = hub('reset', (n) => (n === 0 ? { destroy: true } : { status: 204 }));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const refusedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hub`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [reset, refusedUrl],
      previousManifest: await previousFile({ ...CURRENT, 'rss.xml': h('f') }),
      ...fast,
      retries: 2,
    });
    expect(result.outcomes[0]).toMatchObject({ hub: reset, ok: true, attempts: 2 });
    expect(result.outcomes[1]).toMatchObject({ hub: refusedUrl, ok: false, attempts: 3 });
    expect(result.outcomes[1]?.error).toMatch(/network error: .*ECONNREFUSED/);
  });

  it('retries 429 Too Many Requests, honouring Retry-After', async () => {
    const busy = hub('busy', (n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '0' } } : { status: 204 },
    );
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [busy],
      previousManifest: await previousFile({ ...CURRENT, 'rss.xml': h('f') }),
      ...fast,
    });
    expect(requests).toHaveLength(2);
    expect(result.outcomes[0]).toMatchObject({ ok: true, attempts: 2 });
  });

  it('does not follow a redirect (it would turn the POST into a GET)', async () => {
    const moved = hub('moved', always({ status: 302, headers: { location: `${base}/elsewhere` } }));
    hub('elsewhere', ok204);
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [moved],
      previousManifest: await previousFile({ ...CURRENT, 'rss.xml': h('f') }),
      ...fast,
    });
    expect(requests.map((r) => r.path)).toEqual(['/moved']);
    expect(result.outcomes[0]).toMatchObject({ ok: false, attempts: 1, status: 302 });
    expect(result.outcomes[0]?.error).toContain(`${base}/elsewhere`);
  });

  it('sends hub.topic as well when asked', async () => {
    const a = hub('hub-a', ok204);
    await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [a],
      previousManifest: await previousFile({ ...CURRENT, 'rss.xml': h('f') }),
      sendTopic: true,
      ...fast,
    });
    const feed = encodeURIComponent(`${SITE}rss.xml`);
    expect(requests.map((r) => r.raw)).toEqual([
      `hub.mode=publish&hub.url=${feed}&hub.topic=${feed}`,
    ]);
  });

  it('without a previous manifest treats every feed as changed', async () => {
    const lines: string[] = [];
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: 'https://news.example.com/blog', // no trailing slash: still the folder
      hubs: [hub('hub-a', ok204)],
      ...fast,
      log: (line) => lines.push(line),
    });
    expect(result.basis).toBe('all');
    expect(result.feeds.map((f) => f.url)).toEqual(
      Object.keys(CURRENT)
        .filter((p) => !p.startsWith('styles/'))
        .map((p) => `${SITE}${p}`),
    );
    expect(requests).toHaveLength(7);
    expect(lines).toContain(
      'websub: no previous manifest to compare with: treating every feed as changed',
    );
  });

  it('sends nothing and says so when no hubs are configured', async () => {
    const result = await pingHubs({ outDir: await outDir(), siteUrl: SITE, hubs: [], ...fast });
    expect(result.outcomes).toEqual([]);
    expect(result.summary).toBe('no WebSub hubs configured: nothing to ping');
  });
});

describe('pingHubs bad inputs', () => {
  it('throws FeedwrightError "run feedwright build first" when there is no manifest', async () => {
    const empty = await tempDir();
    const error = await pingHubs({ outDir: empty, siteUrl: SITE, hubs: [`${base}/x`] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).message).toContain('run feedwright build first');
    expect((error as FeedwrightError).diagnostics[0]?.code).toBe('ping-no-manifest');
    expect(requests).toHaveLength(0);
  });

  it('throws FeedwrightError for a missing or malformed previous manifest', async () => {
    const dir = await outDir();
    const missing = path.join(await tempDir(), 'nope.json');
    await expect(
      pingHubs({ outDir: dir, siteUrl: SITE, hubs: [], previousManifest: missing }),
    ).rejects.toThrow(FeedwrightError);
    const garbage = path.join(await tempDir(), 'garbage.json');
    await writeFile(garbage, '<html>404</html>');
    await expect(
      pingHubs({ outDir: dir, siteUrl: SITE, hubs: [], previousManifest: garbage }),
    ).rejects.toThrow(/previous manifest is not JSON/);
  });

  it('throws FeedwrightError for a hub or site URL that is not absolute http(s)', async () => {
    const dir = await outDir();
    await expect(pingHubs({ outDir: dir, siteUrl: SITE, hubs: ['ftp://hub/'] })).rejects.toThrow(
      FeedwrightError,
    );
    await expect(pingHubs({ outDir: dir, siteUrl: '/blog/', hubs: [] })).rejects.toThrow(
      FeedwrightError,
    );
  });
});
