import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the hub received it. */
export interface Recorded {
  method: string;
  path: string;
  contentType: string | undefined;
  userAgent: string | undefined;
  raw: string;
  /** The form body, decoded. */
  body: Record<string, string>;
}

/** What the hub does with a request: answer, never answer, or drop the connection. */
export type Reply =
  | { status: number; body?: string; headers?: Record<string, string> }
  | { hang: true }
  | { destroy: true };

/** The reply to the n-th request (0-based) on one path. */
export type Script = (n: number, request: Recorded) => Reply;

export const always =
  (reply: Reply): Script =>
  () =>
    reply;

/**
 * A real HTTP WebSub hub on 127.0.0.1 that records every request and answers from a script per
 * path (404 for a path with none).
 */
export class ScriptedHub {
  requests: Recorded[] = [];
  private scripts = new Map<string, Script>();
  private readonly counts = new Map<string, number>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {}

  static async start(): Promise<ScriptedHub> {
    let hub: ScriptedHub | undefined;
    const server = createServer((req, res) => {
      hub?.handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hub = new ScriptedHub(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return hub;
  }

  /** The URL of a hub at `/name` that answers with `script`. */
  url(name: string, script: Script): string {
    this.scripts.set(`/${name}`, script);
    return `${this.base}/${name}`;
  }

  /** Forgets every request and script, and closes requests left hanging. */
  reset(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.requests = [];
    this.scripts = new Map();
    this.counts.clear();
  }

  async close(): Promise<void> {
    this.reset();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.base);
    const recorded: Recorded = {
      method: req.method ?? '',
      path: url.pathname,
      contentType: req.headers['content-type'],
      userAgent: req.headers['user-agent'],
      raw,
      body: Object.fromEntries(new URLSearchParams(raw)),
    };
    this.requests.push(recorded);
    const n = this.counts.get(url.pathname) ?? 0;
    this.counts.set(url.pathname, n + 1);
    const script = this.scripts.get(url.pathname) ?? always({ status: 404, body: 'no such hub' });
    const reply = script(n, recorded);
    if ('hang' in reply) this.hanging.add(res);
    else if ('destroy' in reply) req.socket.destroy();
    else {
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.body ?? '');
    }
  }
}
