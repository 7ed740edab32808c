/** The HTTP server of `feedwright serve`: the output folder on 127.0.0.1, with live reload. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LIVE_PATH, LiveReload, servePage, withLiveReload } from './live-reload.js';
import { contentType, isText, lookUp } from './static-files.js';

/** What the server shows, asked afresh for every request. */
export interface ServedSite {
  /** The folder served. */
  root: string;
  /** The site's `url` (from the config of the last good build): served pages link locally instead. */
  siteUrl: () => string | undefined;
  /** The last build's problems when it failed, shown in a banner on every page. */
  problems: () => string | undefined;
  /** True once a build has succeeded: until then every page says why there is none. */
  built: () => boolean;
}

export interface DevServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  live: LiveReload;
  close: () => Promise<void>;
}

/** Listens on 127.0.0.1:`port` (0: any free port); rejects as `listen` does (EADDRINUSE…). */
export async function startDevServer(site: ServedSite, port: number): Promise<DevServer> {
  const live = new LiveReload();
  let origin = '';
  const server = createServer((request, response) => {
    respond(site, live, origin, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`feedwright serve: ${(error as Error).message}\n`);
    });
  });
  await listen(server, port);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const close = () =>
    new Promise<void>((resolve) => {
      live.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: origin, live, close };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function respond(
  site: ServedSite,
  live: LiveReload,
  origin: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = request.url ?? '/';
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
    response.end('feedwright serve answers GET and HEAD only\n');
    return;
  }
  if (url.split('?')[0] === LIVE_PATH) return live.add(response);
  const problems = site.problems();
  if (!site.built()) {
    const text = problems
      ? 'The site has not built yet: fix the problems below and save; this page reloads itself.'
      : 'The site is being built; this page reloads itself when it is ready.';
    return sendPage(response, request, 503, servePage('feedwright serve', text, problems));
  }
  const found = await lookUp(site.root, url);
  if (found && 'redirect' in found) {
    response.writeHead(301, { location: found.redirect, 'cache-control': 'no-store' });
    response.end();
    return;
  }
  if (!found) {
    const text = `Nothing is published at ${url.split('?')[0]}. This page reloads itself after each build.`;
    return sendPage(response, request, 404, servePage('Not found', text, problems));
  }
  const headers = { 'content-type': contentType(found.file), 'cache-control': 'no-store' };
  if (!isText(found.file)) {
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    else createReadStream(found.file).pipe(response);
    return;
  }
  const siteUrl = site.siteUrl();
  let text = await readFile(found.file, 'utf8');
  if (siteUrl) text = text.replaceAll(siteUrl, origin);
  if (found.file.endsWith('.html')) text = withLiveReload(text, problems);
  send(response, request, 200, headers, text);
}

function sendPage(
  response: ServerResponse,
  request: IncomingMessage,
  status: number,
  html: string,
) {
  const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
  send(response, request, status, headers, html);
}

function send(
  response: ServerResponse,
  request: IncomingMessage,
  status: number,
  headers: Record<string, string>,
  text: string,
): void {
  const body = Buffer.from(text);
  response.writeHead(status, { ...headers, 'content-length': String(body.length) });
  response.end(request.method === 'HEAD' ? undefined : body);
}
