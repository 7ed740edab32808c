import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** Content types by file name first (feeds), then by extension. */
const BY_NAME: Record<string, string> = {
  'rss.xml': 'application/rss+xml; charset=utf-8',
  'atom.xml': 'application/atom+xml; charset=utf-8',
  'feed.json': 'application/feed+json; charset=utf-8',
};

const BY_EXTENSION: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
};

export function contentTypeFor(file: string): string {
  return (
    BY_NAME[path.basename(file)] ??
    BY_EXTENSION[path.extname(file).toLowerCase()] ??
    'application/octet-stream'
  );
}

export interface ServedRequest {
  method: string;
  /** Request path as sent, e.g. `/site/posts/x/`. */
  url: string;
  status: number;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Where `root` is served, ending in `/`, e.g. `http://127.0.0.1:<port>/site/`. */
  url: string;
  port: number;
  /** Every request answered so far, in order. */
  requests: ServedRequest[];
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** URL path the folder is served under, like a GitHub Pages project site; default `/`. */
  mount?: string;
}

/**
 * Serves `root` on 127.0.0.1 (port chosen by the OS) the way GitHub Pages does: `/dir/` →
 * `dir/index.html`, `/dir` → redirect to `/dir/`, `/page` → `page.html`; 404 for anything else;
 * 403 for any path that tries to leave the folder. The folder may be created or replaced after
 * the server starts.
 */
export async function startStaticServer(
  root: string,
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const mount = `/${(options.mount ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const requests: ServedRequest[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'internal error'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const answer = (
      status: number,
      body: string | Buffer,
      headers: Record<string, string> = {},
    ) => {
      requests.push({ method, url: rawUrl, status });
      send(res, status, method === 'HEAD' ? '' : body, headers);
    };
    if (method !== 'GET' && method !== 'HEAD') return answer(405, 'method not allowed');

    const pathname = rawUrl.split(/[?#]/, 1)[0] ?? '/';
    if (!pathname.startsWith(mount)) return answer(404, 'not found');
    const segments = pathname.slice(mount.length).split('/');
    let decoded: string[];
    try {
      decoded = segments.map((segment) => decodeURIComponent(segment));
    } catch {
      return answer(400, 'bad request');
    }
    // `..`, `.`, and anything that decodes to a separator or NUL is an escape attempt.
    if (decoded.some((s) => s === '..' || s === '.' || /[/\\\0]/.test(s))) {
      return answer(403, 'forbidden');
    }

    const rootDir = path.resolve(root);
    const candidates: string[] = [];
    const relative = decoded.join('/');
    if (relative === '' || relative.endsWith('/')) candidates.push(`${relative}index.html`);
    else candidates.push(relative, `${relative}.html`);

    for (const candidate of candidates) {
      const file = path.resolve(rootDir, candidate);
      if (!isInside(rootDir, file)) return answer(403, 'forbidden');
      const info = await stat(file).catch(() => undefined);
      if (!info) continue;
      if (info.isDirectory()) {
        if (candidate === relative) return answer(301, '', { location: `${pathname}/` });
        continue;
      }
      // A symbolic link inside the folder must not lead out of it either.
      const real = await realpath(file);
      if (!isInside(await realpath(rootDir), real)) return answer(403, 'forbidden');
      const body = await readFile(real);
      return answer(200, body, {
        'content-type': contentTypeFor(real),
        'content-length': String(body.length),
      });
    }
    return answer(404, 'not found');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${mount}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const isText = typeof body === 'string';
  res.writeHead(status, {
    'cache-control': 'no-store',
    ...(isText && !headers['content-type'] ? { 'content-type': 'text/plain; charset=utf-8' } : {}),
    ...headers,
  });
  res.end(body);
}
