import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FeedwrightError } from '../diagnostics.js';
import { MANIFEST_FILE, type Manifest, readManifest } from '../write/manifest.js';

/**
 * WebSub publish notifications: after a deploy, tell each hub which feeds changed so it
 * re-fetches them and pushes the new items to subscribers.
 *
 * Body per request (PubSubHubbub 0.4 / WebSub publisher convention):
 * `hub.mode=publish&hub.url=<feed URL>` sent as `application/x-www-form-urlencoded`.
 */
export interface PingOptions {
  /** Output folder of `feedwright build`; its `.feedwright-manifest.json` lists the feeds. */
  outDir: string;
  /** Absolute site root the feeds are served under (`SiteConfig.url`). */
  siteUrl: string;
  /** WebSub hub endpoints to notify. */
  hubs: readonly string[];
  /**
   * Path to an older manifest (e.g. the one fetched from the live site before deploying). The
   * changed feeds are those whose hash differs from it (new feeds included). Without it, every
   * feed counts as changed.
   */
  previousManifest?: string;
  /** Injected for tests; default the global `fetch`. */
  fetch?: typeof fetch;
  /** Extra attempts after the first on 5xx, 408, 429, network errors and timeouts. Default 3. */
  retries?: number;
  /** First retry waits about this long; each further retry doubles it. Default 500. */
  baseDelayMs?: number;
  /** Longest single wait between attempts. Default 30 000. */
  maxDelayMs?: number;
  /** Per-attempt limit, headers and body included. Default 10 000. */
  timeoutMs?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Also send `hub.topic=<feed URL>` (some hubs read that instead of `hub.url`). Default false. */
  sendTopic?: boolean;
  /** One line per attempt outcome, without trailing newline. */
  log?: (line: string) => void;
}

/** One feed the hubs are told about. */
export interface ChangedFeed {
  /** Output path relative to the output folder, e.g. `categories/tech/atom.xml`. */
  path: string;
  /** Absolute URL, the `hub.url` sent. */
  url: string;
}

/** How one (hub, feed) notification ended. */
export interface PingOutcome {
  hub: string;
  feed: string;
  ok: boolean;
  /** Requests made, 1 + retries used. */
  attempts: number;
  /** HTTP status of the last response, when there was one. */
  status?: number;
  /** Why it failed (last attempt), when it did. */
  error?: string;
}

export interface PingResult {
  /** Hub URLs as notified (normalised, duplicates removed). */
  hubs: string[];
  /** The changed feeds, in manifest order. */
  feeds: ChangedFeed[];
  /**
   * What "changed" was measured against: `previous` (the `previousManifest` given) or `all`
   * (nothing to compare with, so every feed counts as changed).
   */
  basis: 'previous' | 'all';
  /** Feed-major, hub-minor: `outcomes[f * hubs.length + h]`. */
  outcomes: PingOutcome[];
  ok: number;
  failed: number;
  /** e.g. `pinged 2 hubs for 3 changed feeds: 6 ok, 0 failed`. */
  summary: string;
}

const FEED_FILES = new Set(['rss.xml', 'atom.xml', 'feed.json']);

/** True for output paths that are feeds (`rss.xml`, `atom.xml`, `feed.json` in any folder). */
export function isFeedPath(p: string): boolean {
  return FEED_FILES.has(p.slice(p.lastIndexOf('/') + 1));
}

/**
 * Notifies every hub about every changed feed. Hub failures never throw: they are counted in
 * the result (callers decide the exit code). Throws `FeedwrightError` only for bad inputs:
 * no or unreadable manifest, bad previous manifest, bad site or hub URL.
 */
export async function pingHubs(options: PingOptions): Promise<PingResult> {
  const retries = nonNegativeInteger(options.retries ?? 3, 'retries');
  const baseDelayMs = nonNegativeNumber(options.baseDelayMs ?? 500, 'baseDelayMs');
  const maxDelayMs = nonNegativeNumber(options.maxDelayMs ?? 30_000, 'maxDelayMs');
  const timeoutMs = positiveNumber(options.timeoutMs ?? 10_000, 'timeoutMs');
  const concurrency = Math.max(1, nonNegativeInteger(options.concurrency ?? 4, 'concurrency'));
  const doFetch = options.fetch ?? globalThis.fetch;
  const log = options.log ?? (() => {});

  const siteUrl = parseSiteUrl(options.siteUrl);
  const hubs = [...new Set(options.hubs.map((hub, i) => parseHubUrl(hub, i)))];
  const manifest = await loadCurrent(options.outDir);
  const previous =
    options.previousManifest === undefined ? null : await loadPrevious(options.previousManifest);

  // The manifest is published with the feeds and is deterministic, so it does not say what
  // changed; only a previous manifest (e.g. fetched from the live site) does.
  const basis: PingResult['basis'] = previous ? 'previous' : 'all';
  const changedPaths = Object.keys(manifest.files).filter(
    (p) => !previous || previous.files[p] !== manifest.files[p],
  );
  const feeds = [...new Set(changedPaths)]
    .filter(isFeedPath)
    .map((p) => ({ path: p, url: new URL(p, siteUrl).href }));
  if (basis === 'all' && hubs.length > 0)
    log('websub: no previous manifest to compare with: treating every feed as changed');

  const jobs = feeds.flatMap((feed) => hubs.map((hub) => ({ hub, feed: feed.url })));
  const outcomes: PingOutcome[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      const job = jobs[i] as { hub: string; feed: string };
      outcomes[i] = await pingOne(job.hub, job.feed, {
        doFetch,
        retries,
        baseDelayMs,
        maxDelayMs,
        timeoutMs,
        sendTopic: options.sendTopic ?? false,
        log,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));

  const ok = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.length - ok;
  const summary = summarize(hubs, feeds, ok, failed);
  return { hubs, feeds, basis, outcomes, ok, failed, summary };
}

function summarize(hubs: string[], feeds: ChangedFeed[], ok: number, failed: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (hubs.length === 0) return 'no WebSub hubs configured: nothing to ping';
  if (feeds.length === 0)
    return `no feeds changed: nothing to ping (${plural(hubs.length, 'hub')} configured)`;
  return `pinged ${plural(hubs.length, 'hub')} for ${plural(feeds.length, 'changed feed')}: ${ok} ok, ${failed} failed`;
}

interface PingContext {
  doFetch: typeof fetch;
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  sendTopic: boolean;
  log: (line: string) => void;
}

type Attempt =
  | { kind: 'ok'; status: number }
  | { kind: 'fatal'; status: number; error: string }
  | { kind: 'retry'; status?: number; error: string; retryAfterMs?: number };

async function pingOne(hub: string, feed: string, ctx: PingContext): Promise<PingOutcome> {
  const params = new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': feed });
  if (ctx.sendTopic) params.set('hub.topic', feed);
  const body = params.toString();
  const maxAttempts = ctx.retries + 1;
  for (let attempt = 1; ; attempt++) {
    const result = await attemptOnce(hub, feed, body, ctx);
    const status = result.status === undefined ? {} : { status: result.status };
    if (result.kind === 'ok') {
      ctx.log(`websub: ${hub} <- ${feed}: HTTP ${result.status} ok`);
      return { hub, feed, ok: true, attempts: attempt, ...status };
    }
    if (result.kind === 'fatal' || attempt >= maxAttempts) {
      const error =
        result.kind === 'fatal'
          ? result.error
          : `hub ${hub} did not take ${feed}: ${result.error} (gave up after ${attempt} attempt${attempt === 1 ? '' : 's'})`;
      ctx.log(`websub: ${hub} <- ${feed}: failed: ${error}`);
      return { hub, feed, ok: false, attempts: attempt, ...status, error };
    }
    const backoff = Math.min(ctx.maxDelayMs, ctx.baseDelayMs * 2 ** (attempt - 1));
    // Jitter in [backoff/2, backoff] so many sites deploying at once do not retry in lockstep.
    let delay = Math.round(backoff / 2 + (Math.random() * backoff) / 2);
    if (result.retryAfterMs !== undefined)
      delay = Math.min(ctx.maxDelayMs, Math.max(delay, result.retryAfterMs));
    ctx.log(
      `websub: ${hub} <- ${feed}: ${result.error}; retrying in ${delay} ms (attempt ${attempt + 1} of ${maxAttempts})`,
    );
    await sleep(delay);
  }
}

async function attemptOnce(
  hub: string,
  feed: string,
  body: string,
  ctx: PingContext,
): Promise<Attempt> {
  let response: Response;
  try {
    response = await ctx.doFetch(hub, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'feedwright (WebSub publisher)',
      },
      body,
      // A 301/302 would turn the POST into a GET and drop the body; report it instead.
      redirect: 'manual',
      // Covers the whole attempt, body included.
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
  } catch (error) {
    return { kind: 'retry', error: describeFetchError(error, ctx.timeoutMs) };
  }

  const { status } = response;
  if (status >= 200 && status < 300) {
    await response.body?.cancel().catch(() => {});
    return { kind: 'ok', status };
  }
  const statusText = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  let text = '';
  try {
    text = (await response.text()).replace(/\s+/g, ' ').trim().slice(0, 200);
  } catch (error) {
    text = `(response body unreadable: ${describeFetchError(error, ctx.timeoutMs)})`;
  }
  const detail = `${statusText}${text ? `: ${text}` : ''}`;
  // 408 Request Timeout and 429 Too Many Requests mean "try again later", not "you are wrong".
  if (status >= 500 || status === 408 || status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return {
      kind: 'retry',
      status,
      error: detail,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    return {
      kind: 'fatal',
      status,
      error: `hub ${hub} redirected the notification for ${feed} (${statusText}${location ? ` to ${location}` : ''}); configure the hub's final URL`,
    };
  }
  return { kind: 'fatal', status, error: `hub ${hub} rejected ${feed}: ${detail}` };
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? error.cause : undefined;
    if (cause?.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (cause)
      return `network error: ${code && !cause.message.includes(code) ? `${code} ` : ''}${cause.message}`;
    return `network error: ${error.message}`;
  }
  return `network error: ${String(error)}`;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function loadCurrent(outDir: string): Promise<Manifest> {
  const file = path.join(outDir, MANIFEST_FILE);
  const manifest = await readManifest(outDir);
  if (!manifest)
    throw inputError(
      'ping-no-manifest',
      file,
      `no readable ${MANIFEST_FILE} in ${outDir}`,
      'run feedwright build first (or pass the --out folder it wrote)',
    );
  if (!isManifest(manifest))
    throw inputError(
      'ping-bad-manifest',
      file,
      'not a feedwright manifest',
      'run feedwright build again to rewrite it',
    );
  return manifest;
}

async function loadPrevious(file: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw inputError(
      'ping-previous-missing',
      file,
      `previous manifest not readable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      'pass the path of a manifest saved from an earlier build, or leave --previous out',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw inputError(
      'ping-previous-invalid',
      file,
      `previous manifest is not JSON (${(error as Error).message})`,
      'pass a .feedwright-manifest.json written by feedwright build',
    );
  }
  if (!isManifest(parsed))
    throw inputError(
      'ping-previous-invalid',
      file,
      'previous manifest is not a feedwright manifest',
      'pass a .feedwright-manifest.json written by feedwright build',
    );
  return parsed;
}

function isManifest(value: unknown): value is Manifest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<Manifest>;
  if (m.generator !== 'feedwright') return false;
  if (typeof m.files !== 'object' || m.files === null || Array.isArray(m.files)) return false;
  if (!Object.values(m.files).every((h) => typeof h === 'string')) return false;
  return true;
}

function parseSiteUrl(value: string): URL {
  const url = parseHttpUrl(value);
  if (!url)
    throw inputError(
      'ping-bad-site-url',
      'config',
      `site url "${value}" is not an absolute http(s) URL`,
      'set "url" in the config, e.g. "https://example.com/blog/"',
    );
  // The site root is a folder: without the slash, `new URL('rss.xml', …/blog)` drops `blog`.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

function parseHubUrl(value: string, index: number): string {
  const url = parseHttpUrl(value);
  if (!url)
    throw inputError(
      'ping-bad-hub',
      'config',
      `hubs[${index}] "${value}" is not an absolute http(s) URL`,
      'use e.g. "https://pubsubhubbub.appspot.com/"',
    );
  return url.href;
}

function parseHttpUrl(value: string): URL | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

function inputError(code: string, file: string, message: string, fix: string): FeedwrightError {
  return new FeedwrightError([{ severity: 'error', code, file, message, fix }]);
}

function nonNegativeInteger(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`${name} must be a whole number ≥ 0, not ${n}`);
  return n;
}
function nonNegativeNumber(n: number, name: string): number {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be ≥ 0, not ${n}`);
  return n;
}
function positiveNumber(n: number, name: string): number {
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${name} must be > 0, not ${n}`);
  return n;
}
