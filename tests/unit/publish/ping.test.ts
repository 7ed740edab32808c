import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { MANIFEST_FILE } from '../../../src/manifest.js';
import { pingHubs } from '../../../src/publish/ping.js';
import { isFeedPath } from '../../../src/urls.js';
import { always, type Script, ScriptedHub } from '../../helpers/hub.js';

let hubs: ScriptedHub;
beforeAll(async () => {
  hubs = await ScriptedHub.start();
});
afterAll(() => hubs.close());
const dirs: string[] = [];
afterEach(async () => {
  hubs.reset();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const hub = (name: string, script: Script) => hubs.url(name, script);
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

    expect(hubs.requests).toHaveLength(6);
    for (const r of hubs.requests) {
      expect(r.method).toBe('POST');
      expect(r.contentType).toBe('application/x-www-form-urlencoded');
      expect(Object.keys(r.body)).toEqual(['hub.mode', 'hub.url']);
      expect(r.body['hub.mode']).toBe('publish');
    }
    const sent = (p: string) =>
      hubs.requests
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
      hubs: [`${hubs.base}/hub-a`],
      previousManifest: await previousFile(),
      ...fast,
    });
    expect(result.basis).toBe('previous');
    expect(result.feeds).toEqual([
      { path: 'rss.xml', url: `${SITE}rss.xml` },
      { path: 'categories/politics/atom.xml', url: `${SITE}categories/politics/atom.xml` },
      { path: 'categories/new-one/rss.xml', url: `${SITE}categories/new-one/rss.xml` },
    ]);
    const pinged = hubs.requests.map((r) => r.body['hub.url']);
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
      hubs: [`${hubs.base}/hub-a`],
      previousManifest: await previousFile(CURRENT),
      ...fast,
    });
    expect(hubs.requests).toHaveLength(0);
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

  it('counts ok and failed notifications across hubs, feed-major and hub-minor', async () => {
    const good = hub('good', ok204);
    const bad = hub('bad', always({ status: 410, body: 'gone' }));
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [good, bad],
      previousManifest: await previousFile(),
      ...fast,
    });
    expect(result.ok).toBe(3);
    expect(result.failed).toBe(3);
    expect(result.outcomes.map((o) => [o.hub, o.feed, o.ok])).toEqual(
      CHANGED_URLS.flatMap((feed) => [
        [good, feed, true],
        [bad, feed, false],
      ]),
    );
    expect(result.summary).toBe('pinged 2 hubs for 3 changed feeds: 3 ok, 3 failed');
  });

  it('passes retries on to each notification and counts one that gave up as failed', async () => {
    const down = hub('down', always({ status: 503, body: 'maintenance' }));
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [down],
      previousManifest: await previousFile({ ...CURRENT, 'feed.json': h('f') }),
      ...fast,
      retries: 2,
    });
    expect(hubs.requests).toHaveLength(3);
    expect(result.outcomes).toMatchObject([{ ok: false, attempts: 3, status: 503 }]);
    expect(result.outcomes[0]?.error).toContain('gave up after 3 attempts');
    expect(result.failed).toBe(1);
    expect(result.ok).toBe(0);
  });

  it('does not ask a hub that gave up answering about the remaining feeds', async () => {
    const dead = hub('dead', always({ hang: true }));
    const busy = hub('busy', always({ status: 503, body: 'maintenance' }));
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [dead, busy],
      previousManifest: await previousFile(),
      baseDelayMs: 5,
      timeoutMs: 100,
      retries: 1,
      concurrency: 1,
    });
    // Each hub was tried (twice) for the first feed only.
    expect(hubs.requests.map((r) => r.path)).toEqual(['/dead', '/dead', '/busy', '/busy']);
    const [first, ...rest] = CHANGED_URLS;
    expect(result.outcomes).toEqual([
      {
        hub: dead,
        feed: first,
        ok: false,
        attempts: 2,
        error: `hub ${dead} did not take ${first}: timed out after 100 ms (gave up after 2 attempts)`,
      },
      {
        hub: busy,
        feed: first,
        ok: false,
        attempts: 2,
        status: 503,
        error: `hub ${busy} did not take ${first}: HTTP 503 Service Unavailable: maintenance (gave up after 2 attempts)`,
      },
      ...rest.flatMap((feed) =>
        [dead, busy].map((h) => ({
          hub: h,
          feed,
          ok: false,
          attempts: 0,
          error: `hub ${h} was not asked about ${feed}: it had already failed for ${first}`,
        })),
      ),
    ]);
    expect(result.summary).toBe('pinged 2 hubs for 3 changed feeds: 0 ok, 6 failed');
  });

  it('keeps asking a hub that refused one feed about the others', async () => {
    const picky = hub('picky', (n) =>
      n === 0 ? { status: 400, body: 'unknown topic' } : { status: 204 },
    );
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [picky],
      previousManifest: await previousFile(),
      ...fast,
      concurrency: 1,
    });
    expect(result.outcomes.map((o) => [o.feed, o.ok, o.attempts])).toEqual([
      [CHANGED_URLS[0], false, 1],
      [CHANGED_URLS[1], true, 1],
      [CHANGED_URLS[2], true, 1],
    ]);
  });

  it('passes sendTopic on to each notification', async () => {
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
    expect(hubs.requests.map((r) => r.raw)).toEqual([
      `hub.mode=publish&hub.url=${feed}&hub.topic=${feed}`,
    ]);
  });

  it('passes the log on: one line per notification', async () => {
    const a = hub('hub-a', ok204);
    const lines: string[] = [];
    await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [a],
      previousManifest: await previousFile({ ...CURRENT, 'atom.xml': h('f') }),
      ...fast,
      log: (line) => lines.push(line),
    });
    expect(lines).toEqual([`websub: ${a} <- ${SITE}atom.xml: HTTP 204 ok`]);
  });

  it('uses the fetch it is given', async () => {
    const calls: { url: string; body: string }[] = [];
    const fakeFetch: typeof fetch = async (url, init) => {
      calls.push({ url: String(url), body: String(init?.body) });
      return new Response(null, { status: 202 });
    };
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: ['https://hub.example/'],
      previousManifest: await previousFile({ ...CURRENT, 'rss.xml': h('f') }),
      fetch: fakeFetch,
    });
    expect(calls).toEqual([{ url: 'https://hub.example/', body: formBody(`${SITE}rss.xml`) }]);
    expect(result.outcomes).toEqual([
      { hub: 'https://hub.example/', feed: `${SITE}rss.xml`, ok: true, attempts: 1, status: 202 },
    ]);
    expect(hubs.requests).toHaveLength(0);
  });

  it('normalises hub URLs and notifies each hub once', async () => {
    hub('hub-a', ok204);
    const a = `${hubs.base}/hub-a`;
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [a, a.replace('http://', 'HTTP://'), a],
      previousManifest: await previousFile({ ...CURRENT, 'rss.xml': h('f') }),
      ...fast,
    });
    expect(result.hubs).toEqual([a]);
    expect(hubs.requests).toHaveLength(1);
    expect(result.summary).toBe('pinged 1 hub for 1 changed feed: 1 ok, 0 failed');
  });

  it('has at most `concurrency` notifications in flight at once', async () => {
    // A hub that answers only once `limit` hubs.requests are waiting: it sees exactly that many at once.
    const hold = async (limit: number) => {
      const waiting: ServerResponse[] = [];
      let most = 0;
      const busy = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          waiting.push(res);
          most = Math.max(most, waiting.length);
          if (waiting.length === limit) for (const r of waiting.splice(0)) r.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(busy.address() as AddressInfo).port}/`;
      return {
        url,
        most: () => most,
        close: () =>
          new Promise<void>((resolve) => {
            busy.closeAllConnections();
            busy.close(() => resolve());
          }),
      };
    };
    const feeds = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`categories/c${i}/rss.xml`, h(String(i))]),
    );
    for (const concurrency of [1, 3]) {
      const busy = await hold(concurrency);
      try {
        const result = await pingHubs({
          outDir: await outDir(feeds),
          siteUrl: SITE,
          hubs: [busy.url],
          concurrency,
          ...fast,
        });
        expect(result.ok).toBe(6);
        expect(busy.most()).toBe(concurrency);
      } finally {
        await busy.close();
      }
    }
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
    expect(hubs.requests).toHaveLength(7);
    expect(lines).toContain(
      'websub: no previous manifest to compare with: treating every feed as changed',
    );
  });

  it('sends nothing and says so when no hubs are configured', async () => {
    const result = await pingHubs({ outDir: await outDir(), siteUrl: SITE, hubs: [], ...fast });
    expect(result.outcomes).toEqual([]);
    expect(result.summary).toBe('no WebSub hubs configured: nothing to ping');
  });

  it('logs nothing about the basis when there are no hubs to tell', async () => {
    const lines: string[] = [];
    const result = await pingHubs({
      outDir: await outDir(),
      siteUrl: SITE,
      hubs: [],
      log: (line) => lines.push(line),
    });
    expect(result.basis).toBe('all');
    expect(result.feeds).toHaveLength(7);
    expect(lines).toEqual([]);
    expect([result.ok, result.failed]).toEqual([0, 0]);
  });
});

describe('pingHubs bad inputs', () => {
  it('throws FeedwrightError "run feedwright build first" when there is no manifest', async () => {
    const empty = await tempDir();
    const error = await pingHubs({ outDir: empty, siteUrl: SITE, hubs: [`${hubs.base}/x`] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FeedwrightError);
    expect((error as FeedwrightError).message).toContain('run feedwright build first');
    expect((error as FeedwrightError).diagnostics[0]?.code).toBe('ping-no-manifest');
    expect(hubs.requests).toHaveLength(0);
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

describe('pingHubs options', () => {
  const base = async () => ({ outDir: await outDir(), siteUrl: SITE, hubs: [] as string[] });

  it('refuses retries and concurrency that are not whole numbers of at least 0', async () => {
    await expect(pingHubs({ ...(await base()), retries: -1 })).rejects.toThrow(
      new RangeError('retries must be a whole number ≥ 0, not -1'),
    );
    await expect(pingHubs({ ...(await base()), retries: 1.5 })).rejects.toThrow(
      'retries must be a whole number ≥ 0, not 1.5',
    );
    await expect(pingHubs({ ...(await base()), concurrency: -2 })).rejects.toThrow(
      'concurrency must be a whole number ≥ 0, not -2',
    );
    await expect(pingHubs({ ...(await base()), concurrency: Number.NaN })).rejects.toThrow(
      'concurrency must be a whole number ≥ 0, not NaN',
    );
  });

  it('refuses negative or non-finite delays, and a timeout that is not positive', async () => {
    await expect(pingHubs({ ...(await base()), baseDelayMs: -5 })).rejects.toThrow(
      new RangeError('baseDelayMs must be ≥ 0, not -5'),
    );
    await expect(
      pingHubs({ ...(await base()), maxDelayMs: Number.POSITIVE_INFINITY }),
    ).rejects.toThrow('maxDelayMs must be ≥ 0, not Infinity');
    await expect(pingHubs({ ...(await base()), timeoutMs: 0 })).rejects.toThrow(
      new RangeError('timeoutMs must be > 0, not 0'),
    );
  });

  it('accepts zero retries, zero delays and a concurrency of 0 (treated as 1)', async () => {
    const result = await pingHubs({
      ...(await base()),
      retries: 0,
      baseDelayMs: 0,
      maxDelayMs: 0,
      concurrency: 0,
    });
    expect(result.summary).toBe('no WebSub hubs configured: nothing to ping');
  });

  it('names the bad hub by its index and the bad site URL', async () => {
    const dir = await outDir();
    const hubError = await pingHubs({
      outDir: dir,
      siteUrl: SITE,
      hubs: ['https://ok.example/', 'mailto:hub@example.com'],
    }).catch((e: unknown) => e);
    expect((hubError as FeedwrightError).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'ping-bad-hub',
        file: 'config',
        message: 'hubs[1] "mailto:hub@example.com" is not an absolute http(s) URL',
        fix: 'use e.g. "https://pubsubhubbub.appspot.com/"',
      },
    ]);
    const siteError = await pingHubs({ outDir: dir, siteUrl: 'news.example.com', hubs: [] }).catch(
      (e: unknown) => e,
    );
    expect((siteError as FeedwrightError).diagnostics[0]).toMatchObject({
      code: 'ping-bad-site-url',
      message: 'site url "news.example.com" is not an absolute http(s) URL',
    });
  });

  it('drops the query and fragment of the site URL', async () => {
    const result = await pingHubs({
      outDir: await outDir({ 'rss.xml': h('1') }),
      siteUrl: 'https://news.example.com/blog?ref=x#top',
      hubs: [],
    });
    expect(result.feeds).toEqual([
      { path: 'rss.xml', url: 'https://news.example.com/blog/rss.xml' },
    ]);
  });
});
