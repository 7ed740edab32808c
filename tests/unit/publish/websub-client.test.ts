import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_ANSWER_BYTES,
  type NotifyOptions,
  notifyHub,
} from '../../../src/publish/websub-client.js';
import { HostileHub } from '../../helpers/hostile-hub.js';
import { always, type Script, ScriptedHub } from '../../helpers/hub.js';

let hubs: ScriptedHub;
beforeAll(async () => {
  hubs = await ScriptedHub.start();
});
afterAll(() => hubs.close());
afterEach(() => hubs.reset());
const hub = (name: string, script: Script) => hubs.url(name, script);

const FEED = 'https://news.example.com/blog/rss.xml';
const formBody = (feed: string) =>
  `hub.mode=publish&hub.url=${encodeURIComponent(feed).replace(/%20/g, '+')}`;

/** Notification options: no waiting between attempts unless a test asks for it. */
function options(overrides: Partial<NotifyOptions> = {}) {
  const lines: string[] = [];
  const ctx: NotifyOptions = {
    doFetch: globalThis.fetch,
    retries: 3,
    baseDelayMs: 0,
    maxDelayMs: 30_000,
    timeoutMs: 5_000,
    sendTopic: false,
    log: (line) => lines.push(line),
    ...overrides,
  };
  return { ctx, lines };
}

describe('notifyHub', () => {
  it('POSTs hub.mode=publish&hub.url=<feed> as a form, and nothing else', async () => {
    const a = hub('hub-a', always({ status: 204 }));
    const { ctx, lines } = options();
    const outcome = await notifyHub(a, FEED, ctx);
    expect(hubs.requests).toHaveLength(1);
    const [r] = hubs.requests;
    expect(r?.method).toBe('POST');
    expect(r?.contentType).toBe('application/x-www-form-urlencoded');
    expect(r?.userAgent).toBe('feedwright (WebSub publisher)');
    expect(Object.keys(r?.body ?? {})).toEqual(['hub.mode', 'hub.url']);
    expect(r?.body['hub.mode']).toBe('publish');
    expect(r?.raw).toBe(formBody(FEED));
    expect(r?.raw).toBe('hub.mode=publish&hub.url=https%3A%2F%2Fnews.example.com%2Fblog%2Frss.xml');
    expect(outcome).toEqual({ hub: a, feed: FEED, ok: true, attempts: 1, status: 204 });
    expect(lines).toEqual([`websub: ${a} <- ${FEED}: HTTP 204 ok`]);
  });

  it('sends hub.topic as well, only when asked', async () => {
    const a = hub('hub-a', always({ status: 204 }));
    await notifyHub(a, FEED, options({ sendTopic: true }).ctx);
    await notifyHub(a, FEED, options({ sendTopic: false }).ctx);
    const feed = encodeURIComponent(FEED);
    expect(hubs.requests.map((r) => r.raw)).toEqual([
      `hub.mode=publish&hub.url=${feed}&hub.topic=${feed}`,
      `hub.mode=publish&hub.url=${feed}`,
    ]);
  });

  it('takes any 2xx as success', async () => {
    for (const status of [200, 202, 204, 299]) {
      const h = hub(`ok-${status}`, always({ status, body: 'thanks' }));
      expect(await notifyHub(h, FEED, options().ctx)).toEqual({
        hub: h,
        feed: FEED,
        ok: true,
        attempts: 1,
        status,
      });
    }
  });

  it('does not retry a 4xx and names hub, feed, status and the first 200 characters of the answer', async () => {
    const text = `topic not allowed ${'x'.repeat(300)}`;
    const strict = hub('strict', always({ status: 400, body: text }));
    const { ctx, lines } = options();
    const outcome = await notifyHub(strict, FEED, ctx);
    expect(hubs.requests).toHaveLength(1);
    expect(outcome).toEqual({
      hub: strict,
      feed: FEED,
      ok: false,
      attempts: 1,
      status: 400,
      error: `hub ${strict} rejected ${FEED}: HTTP 400 Bad Request: ${text.slice(0, 200)}…`,
    });
    expect(lines).toEqual([`websub: ${strict} <- ${FEED}: failed: ${outcome.error}`]);
  });

  it('collapses the white space of an answer, and leaves out an empty one', async () => {
    const spaced = hub('spaced', always({ status: 403, body: '  no\n\n  topic\there \n' }));
    const empty = hub('empty', always({ status: 404 }));
    expect((await notifyHub(spaced, FEED, options().ctx)).error).toBe(
      `hub ${spaced} rejected ${FEED}: HTTP 403 Forbidden: no topic here`,
    );
    expect((await notifyHub(empty, FEED, options().ctx)).error).toBe(
      `hub ${empty} rejected ${FEED}: HTTP 404 Not Found`,
    );
  });

  it('retries a 500 and succeeds on the next 204', async () => {
    const flaky = hub('flaky', (n) => (n === 0 ? { status: 500, body: 'boom' } : { status: 204 }));
    const { ctx, lines } = options({ baseDelayMs: 5 });
    const outcome = await notifyHub(flaky, FEED, ctx);
    expect(hubs.requests).toHaveLength(2);
    expect(hubs.requests[0]?.raw).toBe(hubs.requests[1]?.raw);
    expect(outcome).toEqual({ hub: flaky, feed: FEED, ok: true, status: 204, attempts: 2 });
    expect(lines.some((l) => /HTTP 500.*retrying in \d+ ms \(attempt 2 of 4\)/.test(l))).toBe(true);
  });

  it('gives up after 1 + retries attempts on a hub that keeps failing with 5xx, without throwing', async () => {
    const down = hub('down', always({ status: 503, body: 'maintenance' }));
    const { ctx, lines } = options({ retries: 2 });
    const outcome = await notifyHub(down, FEED, ctx);
    expect(hubs.requests).toHaveLength(3);
    expect(outcome).toEqual({
      hub: down,
      feed: FEED,
      ok: false,
      attempts: 3,
      status: 503,
      error: `hub ${down} did not take ${FEED}: HTTP 503 Service Unavailable: maintenance (gave up after 3 attempts)`,
    });
    expect(lines).toEqual([
      `websub: ${down} <- ${FEED}: HTTP 503 Service Unavailable: maintenance; retrying in 0 ms (attempt 2 of 3)`,
      `websub: ${down} <- ${FEED}: HTTP 503 Service Unavailable: maintenance; retrying in 0 ms (attempt 3 of 3)`,
      `websub: ${down} <- ${FEED}: failed: ${outcome.error}`,
    ]);
  });

  it('with no retries makes one attempt', async () => {
    const down = hub('down', always({ status: 502 }));
    const outcome = await notifyHub(down, FEED, options({ retries: 0 }).ctx);
    expect(hubs.requests).toHaveLength(1);
    expect(outcome.error).toBe(
      `hub ${down} did not take ${FEED}: HTTP 502 Bad Gateway (gave up after 1 attempt)`,
    );
  });

  it('retries 408 Request Timeout and 429 Too Many Requests', async () => {
    for (const status of [408, 429]) {
      const busy = hub(`busy-${status}`, (n) => (n === 0 ? { status } : { status: 204 }));
      expect(await notifyHub(busy, FEED, options().ctx)).toMatchObject({ ok: true, attempts: 2 });
    }
    expect(hubs.requests).toHaveLength(4);
  });

  it('retries 429 Too Many Requests, honouring Retry-After', async () => {
    const busy = hub('busy', (n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '0' } } : { status: 204 },
    );
    const outcome = await notifyHub(busy, FEED, options({ baseDelayMs: 5 }).ctx);
    expect(hubs.requests).toHaveLength(2);
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
  });

  it('waits as long as Retry-After says, but never longer than maxDelayMs', async () => {
    const slowDown = hub('slow-down', (n) =>
      n === 0 ? { status: 503, headers: { 'retry-after': '3600' } } : { status: 204 },
    );
    const { ctx, lines } = options({ maxDelayMs: 30 });
    expect(await notifyHub(slowDown, FEED, ctx)).toMatchObject({ ok: true, attempts: 2 });
    expect(lines[0]).toBe(
      `websub: ${slowDown} <- ${FEED}: HTTP 503 Service Unavailable; retrying in 30 ms (attempt 2 of 4)`,
    );
  });

  it('reads a Retry-After date in the past as "now"', async () => {
    const past = hub('past', (n) =>
      n === 0
        ? { status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' } }
        : { status: 204 },
    );
    const { ctx, lines } = options();
    expect(await notifyHub(past, FEED, ctx)).toMatchObject({ ok: true, attempts: 2 });
    expect(lines[0]).toMatch(/retrying in 0 ms \(attempt 2 of 4\)$/);
  });

  it('backs off with jitter between half and all of the delay, capped by maxDelayMs', async () => {
    const flaky = hub('flaky', (n) => (n === 0 ? { status: 500 } : { status: 204 }));
    const { ctx, lines } = options({ baseDelayMs: 10_000, maxDelayMs: 40 });
    await notifyHub(flaky, FEED, ctx);
    const waited = Number(/retrying in (\d+) ms/.exec(lines[0] ?? '')?.[1]);
    expect(waited).toBeGreaterThanOrEqual(20);
    expect(waited).toBeLessThanOrEqual(40);
  });

  it('does not follow a redirect (it would turn the POST into a GET) and names the Location', async () => {
    const moved = hub(
      'moved',
      always({ status: 302, headers: { location: `${hubs.base}/elsewhere` } }),
    );
    hub('elsewhere', always({ status: 204 }));
    const outcome = await notifyHub(moved, FEED, options().ctx);
    expect(hubs.requests.map((r) => r.path)).toEqual(['/moved']);
    expect(outcome).toEqual({
      hub: moved,
      feed: FEED,
      ok: false,
      attempts: 1,
      status: 302,
      error: `hub ${moved} redirected the notification for ${FEED} (HTTP 302 Found to ${hubs.base}/elsewhere); configure the hub's final URL`,
    });
  });

  it('reports a redirect without a Location', async () => {
    const moved = hub('moved', always({ status: 301 }));
    expect((await notifyHub(moved, FEED, options().ctx)).error).toBe(
      `hub ${moved} redirected the notification for ${FEED} (HTTP 301 Moved Permanently); configure the hub's final URL`,
    );
  });

  it('retries an attempt that exceeds the timeout, then succeeds', async () => {
    const slow = hub('slow', (n) => (n === 0 ? { hang: true } : { status: 204 }));
    const started = performance.now();
    const outcome = await notifyHub(slow, FEED, options({ baseDelayMs: 5, timeoutMs: 200 }).ctx);
    expect(hubs.requests).toHaveLength(2);
    expect(outcome).toMatchObject({ ok: true, status: 204, attempts: 2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('reports a hub that never answers as timed out after the last retry', async () => {
    const dead = hub('dead', always({ hang: true }));
    const { ctx, lines } = options({ baseDelayMs: 5, timeoutMs: 100, retries: 1 });
    const outcome = await notifyHub(dead, FEED, ctx);
    expect(hubs.requests).toHaveLength(2);
    expect(outcome).toEqual({
      hub: dead,
      feed: FEED,
      ok: false,
      attempts: 2,
      error: `hub ${dead} did not take ${FEED}: timed out after 100 ms (gave up after 2 attempts)`,
    });
    expect(outcome.status).toBeUndefined();
    expect(lines[0]).toMatch(/: timed out after 100 ms; retrying in \d+ ms \(attempt 2 of 2\)$/);
  });

  it('retries a connection reset', async () => {
    const reset = hub('reset', (n) => (n === 0 ? { destroy: true } : { status: 204 }));
    const { ctx, lines } = options();
    expect(await notifyHub(reset, FEED, ctx)).toMatchObject({ hub: reset, ok: true, attempts: 2 });
    expect(lines[0]).toMatch(/: network error: .+; retrying in 0 ms \(attempt 2 of 4\)$/);
  });

  it('retries a refused connection, and describes it as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const refused = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hub`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const outcome = await notifyHub(refused, FEED, options({ retries: 2 }).ctx);
    expect(outcome).toMatchObject({ hub: refused, ok: false, attempts: 3 });
    expect(outcome.status).toBeUndefined();
    expect(outcome.error).toMatch(/network error: .*ECONNREFUSED/);
    expect(outcome.error).toMatch(
      /^hub .+ did not take .+: network error: .+ \(gave up after 3 attempts\)$/,
    );
  });

  it('never throws, even when fetch throws something that is not an Error', async () => {
    const outcome = await notifyHub(
      'https://hub.example/',
      FEED,
      options({
        retries: 0,
        doFetch: async () => {
          throw 'no network today';
        },
      }).ctx,
    );
    expect(outcome.error).toBe(
      `hub https://hub.example/ did not take ${FEED}: network error: no network today (gave up after 1 attempt)`,
    );
  });
});

describe('notifyHub on a hub that answers with too much, too slowly or not at all', () => {
  const GIB = 1024 ** 3;
  let hostile: HostileHub;
  beforeAll(async () => {
    hostile = await HostileHub.start((path) => {
      if (path === '/huge')
        return { status: 500, text: 'Database down.\n\tRetry later. ', bytes: GIB };
      if (path === '/huge-400') return { status: 400, text: 'Bad topic. ', bytes: GIB };
      if (path === '/trickle') return { status: 503, text: 'Slow failure ', trickleMs: 20 };
      if (path === '/short') return { status: 500, text: 'Boom\u001b[31m red\u0007', bytes: 0 };
      return { silent: true };
    });
  });
  afterAll(() => hostile.close());

  it(`reads at most ${MAX_ANSWER_BYTES} bytes of a 1 GiB error answer, hangs up, and quotes its start`, async () => {
    const url = hostile.url('/huge');
    const { ctx, lines } = options({ retries: 1 });
    const outcome = await notifyHub(url, FEED, ctx);
    // 200 characters of the body, white space collapsed, then a sign that there was more.
    const start = 'Database down. Retry later. ';
    const shown = `HTTP 500 Internal Server Error: ${start}${'x'.repeat(200 - start.length)}…`;
    expect(outcome).toEqual({
      hub: url,
      feed: FEED,
      ok: false,
      attempts: 2,
      status: 500,
      error: `hub ${url} did not take ${FEED}: ${shown} (gave up after 2 attempts)`,
    });
    expect(lines[0]).toMatch(
      /: HTTP 500 Internal Server Error: Database down\. .*…; retrying in \d+ ms/,
    );
    const sent = hostile.sent.filter((s) => s.path === '/huge');
    expect(sent).toHaveLength(2);
    // What the server got out before the client hung up is what socket buffers hold, never the GiB.
    for (const s of sent) {
      await expect.poll(() => s.cutByClient).toBe(true);
      expect(s.bytes).toBeLessThan(64 * 1024 * 1024);
    }
  });

  it('hangs up on a refusal with a huge answer too', async () => {
    const url = hostile.url('/huge-400');
    const outcome = await notifyHub(url, FEED, options().ctx);
    expect(outcome.error).toBe(
      `hub ${url} rejected ${FEED}: HTTP 400 Bad Request: Bad topic. ${'x'.repeat(200 - 'Bad topic. '.length)}…`,
    );
    const [sent] = hostile.sent.filter((s) => s.path === '/huge-400');
    await expect.poll(() => sent?.cutByClient).toBe(true);
    expect(sent?.bytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('cuts an answer that trickles at the time limit, quoting what came', async () => {
    const url = hostile.url('/trickle');
    const outcome = await notifyHub(url, FEED, options({ retries: 0, timeoutMs: 300 }).ctx);
    expect(outcome).toMatchObject({ ok: false, attempts: 1, status: 503 });
    expect(outcome.error).toMatch(
      /^hub \S+ did not take \S+: HTTP 503 Service Unavailable: Slow failure \.*… \(the rest of the answer: timed out after 300 ms\) \(gave up after 1 attempt\)$/,
    );
    const [sent] = hostile.sent.filter((s) => s.path === '/trickle');
    await expect.poll(() => sent?.cutByClient).toBe(true);
  });

  it('gives up on a hub that reads the request and never answers, at the time limit', async () => {
    const url = hostile.url('/silent');
    const outcome = await notifyHub(url, FEED, options({ retries: 1, timeoutMs: 100 }).ctx);
    expect(outcome).toEqual({
      hub: url,
      feed: FEED,
      ok: false,
      attempts: 2,
      error: `hub ${url} did not take ${FEED}: timed out after 100 ms (gave up after 2 attempts)`,
    });
  });

  it('shows control characters from a hub as U+FFFD, never raw on the terminal', async () => {
    const url = hostile.url('/short');
    const outcome = await notifyHub(url, FEED, options({ retries: 0 }).ctx);
    expect(outcome.error).toBe(
      `hub ${url} did not take ${FEED}: HTTP 500 Internal Server Error: Boom\uFFFD[31m red\uFFFD (gave up after 1 attempt)`,
    );
  });
});
