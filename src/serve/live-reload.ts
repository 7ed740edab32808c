/**
 * Live reload for `feedwright serve`: a Server-Sent Events stream the served pages listen to,
 * and the script (and, after a failed build, the banner) added to HTML as it is served — never
 * to the files in the output folder.
 */
import type { ServerResponse } from 'node:http';
import { escapeHtmlText } from '../text.js';

/** Where a served page listens for builds. */
export const LIVE_PATH = '/__feedwright/live';

/** Every page listening, told to reload after each build. */
export class LiveReload {
  private readonly clients = new Set<ServerResponse>();

  /** Keeps `response` open as an event stream until the page goes away. */
  add(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write('retry: 1000\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  /** Tells every open page to load itself again. */
  reload(): void {
    for (const client of this.clients) client.write('event: reload\ndata: build\n\n');
  }

  get listening(): number {
    return this.clients.size;
  }

  /** Ends every stream (so the server can close). */
  close(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

/** Listens for builds; marks `<html data-feedwright-live="open">` while it listens. */
const SCRIPT = `<script>/* feedwright serve: reloads this page after each build */(()=>{const s=new EventSource(${JSON.stringify(LIVE_PATH)});s.addEventListener("open",()=>{document.documentElement.dataset.feedwrightLive="open"});s.addEventListener("reload",()=>location.reload())})();</script>`;

/**
 * `html` with the live-reload script (and `problems`, when the last build failed, in a banner on
 * top) added just before `</body>`, or at the end when it has none.
 */
export function withLiveReload(html: string, problems?: string): string {
  const banner = problems ? problemBanner(problems) : '';
  const added = `${banner}${SCRIPT}`;
  const at = html.lastIndexOf('</body>');
  return at === -1 ? `${html}${added}` : `${html.slice(0, at)}${added}${html.slice(at)}`;
}

/** A fixed banner saying the last build failed and why. */
export function problemBanner(problems: string): string {
  return `<div role="alert" style="position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:50vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff3f3;color:#5c0000;border-bottom:3px solid #b00020;font:14px/1.5 system-ui,sans-serif"><strong>feedwright serve: the last build failed; this page is from the build before it.</strong><pre style="white-space:pre-wrap;margin:.5rem 0 0;font:13px/1.45 ui-monospace,monospace">${escapeHtmlText(problems)}</pre></div>`;
}

/** A page of its own, for when there is no page to show (no good build yet, or not found). */
export function servePage(title: string, text: string, problems?: string): string {
  return withLiveReload(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtmlText(title)}</title></head><body style="font:16px/1.5 system-ui,sans-serif;margin:4rem auto;max-width:40rem;padding:0 1rem"><h1>${escapeHtmlText(title)}</h1><p>${escapeHtmlText(text)}</p></body></html>`,
    problems,
  );
}
