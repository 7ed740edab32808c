import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the hub does with the n-th request (0-based) on one path. */
export type HostileReply =
  /** `status`, then `text`, then filler as fast as the client takes it, up to `bytes` in all. */
  | { status: number; text: string; bytes: number }
  /** `status`, then `text`, then one more character every `trickleMs` ms, until the client leaves. */
  | { status: number; text: string; trickleMs: number }
  /** Reads the request and never answers. */
  | { silent: true };

/** What one response sent before the client went away (or it ended). */
export interface Sent {
  path: string;
  bytes: number;
  /** True once the client closed the connection before the whole body was sent. */
  cutByClient: boolean;
}

/** Never more than this many bytes in one response, nor characters trickled: it stops by itself. */
const MAX_BYTES = 1024 ** 3;
const MAX_TRICKLE = 2000;

/**
 * A WebSub hub on 127.0.0.1 that misbehaves: error answers with a body of a gigabyte, bodies
 * that trickle, no answer at all. It counts what it sent, so a test can tell how much of a body
 * the client took before it hung up.
 */
export class HostileHub {
  readonly sent: Sent[] = [];
  private readonly open = new Set<ServerResponse>();

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly base: string,
    private readonly script: (path: string, n: number) => HostileReply,
  ) {}

  static async start(script: (path: string, n: number) => HostileReply): Promise<HostileHub> {
    let hub: HostileHub | undefined;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => hub?.reply(req.url ?? '/', res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    hub = new HostileHub(server, base, script);
    return hub;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private reply(path: string, res: ServerResponse): void {
    const n = this.sent.filter((s) => s.path === path).length;
    const reply = this.script(path, n);
    const sent: Sent = { path, bytes: 0, cutByClient: false };
    this.sent.push(sent);
    this.open.add(res);
    res.on('close', () => {
      this.open.delete(res);
      if (!res.writableFinished) sent.cutByClient = true;
    });
    if ('silent' in reply) return;
    res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8' });
    const write = (chunk: string | Buffer) => {
      sent.bytes += Buffer.byteLength(chunk);
      return res.write(chunk);
    };
    write(reply.text);
    if ('trickleMs' in reply) {
      let left = MAX_TRICKLE;
      const timer = setInterval(() => {
        if (left-- > 0 && !res.destroyed) write('.');
        else clearInterval(timer);
      }, reply.trickleMs);
      res.on('close', () => clearInterval(timer));
      return;
    }
    const filler = Buffer.alloc(64 * 1024, 'x');
    const limit = Math.min(reply.bytes, MAX_BYTES);
    const pump = () => {
      while (sent.bytes < limit && !res.destroyed) {
        if (!write(filler)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }
}
