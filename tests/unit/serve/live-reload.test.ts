import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  LIVE_PATH,
  LiveReload,
  problemBanner,
  servePage,
  withLiveReload,
} from '../../../src/serve/live-reload.js';

describe('withLiveReload', () => {
  it('adds the script just before </body>', () => {
    const html = withLiveReload('<html><body><p>Hi</p></body></html>');
    expect(html).toMatch(
      /^<html><body><p>Hi<\/p><script>[^<]*new EventSource\("\/__feedwright\/live"\)[^<]*location\.reload\(\)[^<]*<\/script><\/body><\/html>$/,
    );
  });

  it('adds it at the end of a page with no </body>', () => {
    expect(withLiveReload('<p>Hi')).toMatch(/^<p>Hi<script>.*<\/script>$/);
  });

  it('puts the problems of a failed build in a banner, escaped', () => {
    const html = withLiveReload('<body></body>', 'posts/a.md:3  date  <b>bad</b> & worse');
    expect(html).toContain('role="alert"');
    expect(html).toContain('the last build failed');
    expect(html).toContain('posts/a.md:3  date  &lt;b&gt;bad&lt;/b&gt; &amp; worse');
    expect(html.indexOf('role="alert"')).toBeLessThan(html.indexOf('<script>'));
    expect(problemBanner('x')).toMatch(/^<div role="alert"/);
  });
});

describe('servePage', () => {
  it('is a page of its own, escaped, that reloads itself', () => {
    const page = servePage('Not <found>', 'Nothing at /a&b.');
    expect(page).toContain('<title>Not &lt;found&gt;</title>');
    expect(page).toContain('<p>Nothing at /a&amp;b.</p>');
    expect(page).toContain(LIVE_PATH);
  });
});

describe('LiveReload', () => {
  it('keeps each page as an event stream and tells every one to reload', async () => {
    const live = new LiveReload();
    const server = createServer((_request, response) => live.add(response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const received: string[] = [];
    const open = () =>
      new Promise<{ type: string | undefined }>((resolve) => {
        get({ host: '127.0.0.1', port, path: LIVE_PATH }, (response) => {
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => received.push(chunk));
          resolve({ type: response.headers['content-type'] });
        });
      });
    const [a] = await Promise.all([open(), open()]);
    expect(a.type).toBe('text/event-stream; charset=utf-8');
    while (live.listening < 2) await new Promise((r) => setTimeout(r, 5));
    live.reload();
    while (received.filter((c) => c.includes('event: reload')).length < 2)
      await new Promise((r) => setTimeout(r, 5));
    expect(received.filter((c) => c === 'retry: 1000\n\n')).toHaveLength(2);
    expect(received.filter((c) => c === 'event: reload\ndata: build\n\n')).toHaveLength(2);
    live.close();
    expect(live.listening).toBe(0);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
