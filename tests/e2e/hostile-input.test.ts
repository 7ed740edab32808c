/**
 * Hostile input through the real CLI: an alias bomb, a 12 MB post, a 2 GiB file, a hub that
 * answers with a gigabyte. Each ends with a clear message and bounded memory, never a crash.
 */
import { existsSync } from 'node:fs';
import { truncate } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FEED_CONTENT_BYTES } from '../../src/derive/feed-content.js';
import { expectValidJsonFeed, expectWellFormed, parseXml, textOf } from '../helpers/feeds.js';
import { HostileHub } from '../helpers/hostile-hub.js';
import { all, parseHtml, text } from '../helpers/html.js';
import { makeConfig, postText, read, runCli, runCliAsync, siteMaker } from '../helpers/site.js';

const makeSite = siteMaker();

/** Every string in a parsed document (XML text nodes and attributes, or JSON values). */
function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

describe('an alias bomb in front matter', () => {
  it('is refused at its line, before it is expanded, and nothing is written', async () => {
    const lists = ['  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level < 9; level++) {
      const [from, to] = [String.fromCharCode(96 + level), String.fromCharCode(97 + level)];
      lists.push(`  - &${to} [${Array(9).fill(`*${from}`).join(', ')}]`);
    }
    const dir = await makeSite({
      'bomb.md': postText(`title: Bomb\ndate: 2026-01-01\ntags:\n${lists.join('\n')}\n`),
      'fine.md': postText({ title: 'Fine', date: '2026-01-02' }),
    });
    const run = runCli(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'posts/bomb.md:13:9  tags  the front matter holds YAML aliases that stand for 490,329,036 values (at most 10,000 are allowed): it would expand too far — write the values out instead of repeating them with *name',
    );
    expect(run.stderr).not.toMatch(/RangeError|heap|at \S+ \(/);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

describe('a 12 MB post', () => {
  const code = 'let total = price * count; // a line of code, & <escaped> in HTML\n'.repeat(
    185_000,
  );
  let dir: string;
  let stderr: string;
  beforeAll(async () => {
    const body = `The lead paragraph of a very long story.\n\n\`\`\`\n${code}\`\`\`\n\nThe very last words.\n`;
    expect(Buffer.byteLength(body)).toBeGreaterThan(12_000_000);
    dir = await makeSite(
      { 'big.md': postText({ title: 'Big', date: '2026-01-01', categories: ['Long'] }, body) },
      makeConfig({ archiveContent: 'full' }),
    );
    const run = runCli(dir);
    expect(run.status, run.stderr).toBe(0);
    stderr = run.stderr;
  });

  it('builds with a warning naming the file, its size and the limit', () => {
    expect(stderr).toContain(
      'warning: posts/big.md  body  the body is 12.2 MB, more than the 1.0 MB Google News takes of an article (a post may be at most 16.0 MB)',
    );
    expect(stderr).toMatch(
      /^warning: posts\/big\.md {2}body {2}its HTML is 1\d\.\d MB, more than the 1\.0 MB a feed carries of a story/m,
    );
  });

  it('gives every feed text nodes no longer than the cap, the summary and link standing in for the text', async () => {
    const feeds = ['', 'categories/long/'].flatMap((dir) =>
      ['rss.xml', 'atom.xml', 'feed.json'].map((file) => `dist/${dir}${file}`),
    );
    for (const file of feeds) {
      const content = await read(dir, file);
      if (file.endsWith('.json')) expectValidJsonFeed(content);
      else expectWellFormed(content, file.endsWith('rss.xml') ? 'rss' : 'feed');
      const parsed = file.endsWith('.json') ? JSON.parse(content) : parseXml(content);
      const longest = Math.max(...strings(parsed).map((s) => Buffer.byteLength(s)));
      expect(longest, file).toBeLessThanOrEqual(MAX_FEED_CONTENT_BYTES);
      expect(content.length, file).toBeLessThan(10_000);
    }
    const rss = parseXml(await read(dir, 'dist/rss.xml'));
    const [item] = rss.rss.channel.item;
    expect(textOf(item['content:encoded'])).toBe(
      '<p>The lead paragraph of a very long story.</p>\n<p><a href="https://news.example.com/posts/big/">https://news.example.com/posts/big/</a></p>',
    );
    const json = JSON.parse(await read(dir, 'dist/feed.json'));
    expect(json.items[0].summary).toBe('The lead paragraph of a very long story.');
  });

  it('shows the whole text on its own page', async () => {
    const page = parseHtml(await read(dir, 'dist/posts/big/index.html'));
    const [block] = all(page, 'code');
    expect(text(block)).toBe(code);
    expect(all(page, 'p').map(text)).toContain('The very last words.');
  });
});

describe('a 2 GiB file in posts/', () => {
  it('is refused by its size before it is read, and nothing is written', async () => {
    const dir = await makeSite({
      'huge.md': postText({ title: 'Huge', date: '2026-01-01' }),
      'fine.md': postText({ title: 'Fine', date: '2026-01-02' }),
    });
    // Sparse: it takes no disk, but says 2 GiB to anything that asks its size.
    await truncate(path.join(dir, 'posts/huge.md'), 2 * 1024 ** 3);
    const run = runCli(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('posts/huge.md');
    expect(run.stderr).toContain('the file is 2147.5 MB, more than the 16.0 MB a post may be');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

describe('feedwright ping against a hub that answers with a gigabyte', () => {
  let hub: HostileHub;
  beforeAll(async () => {
    // Each feed's first notification gets a 503, its retry a 400, each with a 1 GiB body.
    hub = await HostileHub.start((_path, n) =>
      n < 3
        ? { status: 503, text: 'Hub overloaded. ', bytes: 1024 ** 3 }
        : { status: 400, text: 'Unknown topic. ', bytes: 1024 ** 3 },
    );
  });
  afterAll(() => hub.close());

  it('reads only the start of each answer, hangs up, and quotes it', async () => {
    const dir = await makeSite(
      { 'a.md': postText({ title: 'A', date: '2026-01-01' }) },
      makeConfig({ hubs: [hub.url('/hub')] }),
    );
    expect(runCli(dir).status).toBe(0);
    const run = await runCliAsync(dir, ['ping']);
    expect(run.status).toBe(1);
    const fill = (start: string) => `${start}${'x'.repeat(200 - start.length)}…`;
    expect(run.stderr).toContain(
      `HTTP 503 Service Unavailable: ${fill('Hub overloaded. ')}; retrying in`,
    );
    expect(run.stderr).toContain(
      `feedwright: hub ${hub.url('/hub')} rejected https://news.example.com/rss.xml: HTTP 400 Bad Request: ${fill('Unknown topic. ')}`,
    );
    expect(run.stdout).toBe('feedwright: pinged 1 hub for 3 changed feeds: 0 ok, 3 failed\n');
    expect(hub.sent).toHaveLength(6);
    // The CLI cannot have held more than it was sent: what the socket buffers took, not the GiB.
    for (const sent of hub.sent) {
      expect(sent.cutByClient).toBe(true);
      expect(sent.bytes).toBeLessThan(64 * 1024 * 1024);
    }
  });
});
