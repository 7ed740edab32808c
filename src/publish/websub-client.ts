/** One WebSub publish notification, with retries: the HTTP side of `ping`. */

export interface NotifyOptions {
  doFetch: typeof fetch;
  /** Extra attempts after the first on 5xx, 408, 429, network errors and timeouts. */
  retries: number;
  /** First retry waits about this long; each further retry doubles it. */
  baseDelayMs: number;
  /** Longest single wait between attempts. */
  maxDelayMs: number;
  /** Per-attempt limit, headers and body included. */
  timeoutMs: number;
  /** Also send `hub.topic=<feed URL>`. */
  sendTopic: boolean;
  log: (line: string) => void;
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

/** Of an error answer, no more than this is read (4 KiB), however much the hub sends. */
export const MAX_ANSWER_BYTES = 4 * 1024;
/** Of what was read, the message shows this many characters. */
const MAX_ANSWER_CHARS = 200;

type Attempt =
  | { kind: 'ok'; status: number }
  | { kind: 'fatal'; status: number; error: string }
  | { kind: 'retry'; status?: number; error: string; retryAfterMs?: number };

/**
 * Tells `hub` that `feed` changed: `hub.mode=publish&hub.url=<feed URL>` as
 * `application/x-www-form-urlencoded` (PubSubHubbub 0.4 / WebSub publisher convention).
 * Retries what may pass later with jittered exponential backoff; never throws.
 */
export async function notifyHub(
  hub: string,
  feed: string,
  ctx: NotifyOptions,
): Promise<PingOutcome> {
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
    const delay = retryDelay(attempt, result.retryAfterMs, ctx);
    ctx.log(
      `websub: ${hub} <- ${feed}: ${result.error}; retrying in ${delay} ms (attempt ${attempt + 1} of ${maxAttempts})`,
    );
    await sleep(delay);
  }
}

/** Jitter in [backoff/2, backoff] so many sites deploying at once do not retry in lockstep. */
function retryDelay(attempt: number, retryAfterMs: number | undefined, ctx: NotifyOptions): number {
  const backoff = Math.min(ctx.maxDelayMs, ctx.baseDelayMs * 2 ** (attempt - 1));
  const delay = Math.round(backoff / 2 + (Math.random() * backoff) / 2);
  return retryAfterMs === undefined
    ? delay
    : Math.min(ctx.maxDelayMs, Math.max(delay, retryAfterMs));
}

async function attemptOnce(
  hub: string,
  feed: string,
  body: string,
  ctx: NotifyOptions,
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
  return refusal(hub, feed, response, ctx.timeoutMs);
}

/** What a non-2xx answer means: try again later, or stop. */
async function refusal(
  hub: string,
  feed: string,
  response: Response,
  timeoutMs: number,
): Promise<Attempt> {
  const { status } = response;
  const statusText = `HTTP ${status}${response.statusText ? ` ${printable(response.statusText)}` : ''}`;
  const text = await answerStart(response, timeoutMs);
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
      error: `hub ${hub} redirected the notification for ${feed} (${statusText}${location ? ` to ${printable(location)}` : ''}); configure the hub's final URL`,
    };
  }
  return { kind: 'fatal', status, error: `hub ${hub} rejected ${feed}: ${detail}` };
}

/**
 * The start of an error answer, for the message: at most `MAX_ANSWER_BYTES` are read, then the
 * connection is closed, so a hub answering with gigabytes costs a few KiB. Read within the
 * attempt's time limit: a body that trickles is cut there, with what came until then.
 */
async function answerStart(response: Response, timeoutMs: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let length = 0;
  let more = true;
  let problem: string | undefined;
  try {
    while (length < MAX_ANSWER_BYTES) {
      const { done, value } = await reader.read();
      if (done) {
        more = false;
        break;
      }
      chunks.push(value);
      length += value.length;
    }
  } catch (error) {
    problem = describeFetchError(error, timeoutMs);
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES);
  // `stream` leaves out a character cut in half at the end instead of showing U+FFFD.
  const text = printable(new TextDecoder().decode(bytes, { stream: true }));
  const shown = text.slice(0, MAX_ANSWER_CHARS);
  if (problem) return `${shown}${shown ? '… ' : ''}(the rest of the answer: ${problem})`;
  return shown.length < text.length || more ? `${shown}…` : shown;
}

/** Text from a hub, safe to print: white space collapsed, control characters made visible. */
function printable(text: string): string {
  const controls = /[\u0000-\u001f\u007f-\u009f]/g;
  return text.replace(/\s+/g, ' ').replace(controls, '\uFFFD').trim();
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
