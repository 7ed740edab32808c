import { lstat, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectValidJsonFeed,
  expectWellFormed,
  expectWellFormedAs,
  parseAtomFeed,
  parseRssFeed,
  parseXml,
  textOf,
} from '../helpers/feeds.js';
import { makeSite, postText, read, runCli } from '../helpers/site.js';

const MARKUP = `<b>&amp; "quotes" 'apos' & <script>alert(1)</script> ]]> ]]> ]]>`;
const UNICODE = 'Emoji 👩🏽‍💻 RTL مرحبا بالعالم combining é';
const LONG_TITLE = 'Long '.repeat(400).trim();

/** Every item of every site feed, read back by feedsmith, keyed by title. */
async function readAll(dir: string) {
  const rss = await read(dir, 'dist/rss.xml');
  const atom = await read(dir, 'dist/atom.xml');
  const json = await read(dir, 'dist/feed.json');
  expectWellFormed(rss, 'rss');
  expectWellFormed(atom, 'feed');
  expectValidJsonFeed(json);
  return {
    rss: parseRssFeed(rss),
    atom: parseAtomFeed(atom),
    json: JSON.parse(json),
    raw: { rss, atom, json },
  };
}

describe('hostile input still builds valid feeds with the text intact', () => {
  let dir: string;
  let stderr: string;
  let outside: string;

  beforeAll(async () => {
    outside = path.join(tmpdir(), `feedwright-secret-${process.pid}.md`);
    await writeFile(
      outside,
      postText({ title: 'SECRET OUTSIDE', date: '2026-01-01' }, 'TOP SECRET BODY'),
    );
    dir = await makeSite({
      'bom.md': `\uFEFF${postText({ title: 'Has a BOM', date: '2026-11-01' })}`,
      'crlf.md': postText(
        { title: 'CRLF endings', date: '2026-11-02', summary: 'Line one' },
        'Para one\n\nPara two\n',
      ).replace(/\n/g, '\r\n'),
      'controls.md': postText(
        {
          title: 'Bell\u0007 and\u001b escape',
          date: '2026-11-03',
          summary: 'null\u0000 byte',
          categories: ['Ctrl\u0001Cat'],
        },
        'Body with \u0008 backspace.\n',
      ),
      'markup.md': postText(
        {
          title: MARKUP,
          date: '2026-11-04',
          summary: MARKUP,
          categories: [`Cat ${MARKUP}`],
          tags: ['a & b', '<tag>'],
          author: { name: `Name ${MARKUP}`, email: 'x@example.com' },
        },
        `Text with ]]> and ]]> again.\n\n<div>raw ]]> html</div>\n`,
      ),
      'unicode.md': postText({
        title: UNICODE,
        date: '2026-11-05',
        summary: UNICODE,
        categories: [UNICODE],
      }),
      'long.md': postText(
        { title: LONG_TITLE, date: '2026-11-06' },
        `${'Lorem ipsum dolor sit amet. '.repeat(120_000)}\n`,
      ),
      'empty-body.md': postText({ title: 'Empty body', date: '2026-11-07' }, ''),
      'paths.md': postText({
        title: 'Path-like categories',
        date: '2026-11-08',
        categories: ['../../etc', 'a/b\\c', 'con', '.hidden', '..'],
        slug: '../../escape',
      }),
      'proto.md': postText(
        '__proto__:\n  polluted: yes\nconstructor: evil\ntitle: Prototype keys\ndate: 2026-11-09\n',
      ),
      'deep/nested/folder/post.md': postText({ title: 'Deeply nested', date: '2026-11-10' }),
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      'README.txt': 'not a post',
    });
    await symlink(outside, path.join(dir, 'posts', 'link-outside.md'));
    await symlink(tmpdir(), path.join(dir, 'posts', 'linked-folder'));
    const run = runCli(dir);
    stderr = run.stderr;
    expect(run.status, run.stderr).toBe(0);
  });

  it('builds every feed well-formed and valid, and the feed list and sitemaps well-formed', async () => {
    const files = await readdir(path.join(dir, 'dist'), { recursive: true });
    /** The root element of each XML file the build writes, by name. */
    const roots: Record<string, string> = {
      'rss.xml': 'rss',
      'atom.xml': 'feed',
      'feeds.opml': 'opml',
      'sitemap.xml': 'urlset',
      'sitemap-news.xml': 'urlset',
    };
    const checked = files.filter((f) => /\.(xml|json|opml)$/.test(f) && !f.startsWith('.'));
    expect(checked).toEqual(
      expect.arrayContaining(['feeds.opml', 'sitemap.xml', 'sitemap-news.xml']),
    );
    for (const file of checked) {
      const text = await read(dir, `dist/${file}`);
      const name = path.basename(file);
      const root = roots[name];
      if (root) expectWellFormedAs(text, root);
      else if (name === 'feed.json') expectValidJsonFeed(text);
      else throw new Error(`${file}: not a file the build writes`);
    }
  });

  it('reads a UTF-8 BOM and CRLF line endings', async () => {
    const { json } = await readAll(dir);
    const titles = json.items.map((i: { title: string }) => i.title);
    expect(titles).toContain('Has a BOM');
    const crlf = json.items.find((i: { title: string }) => i.title === 'CRLF endings');
    expect(crlf.summary).toBe('Line one');
    expect(crlf.content_html).toBe('<p>Para one</p>\n<p>Para two</p>');
  });

  it('removes control characters, with a warning naming file and field', async () => {
    const { json, raw } = await readAll(dir);
    const item = json.items.find((i: { title: string }) => i.title.startsWith('Bell'));
    expect(item.title).toBe('Bell and escape');
    expect(item.summary).toBe('null byte');
    expect(item.tags).toEqual(['CtrlCat']);
    expect(item.content_html).toBe('<p>Body with  backspace.</p>');
    expect(raw.rss).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|&#x?0*[0-8bcef];/i);
    expect(stderr).toMatch(
      /warning: posts\/controls\.md:\d+:\d+ {2}title {2}2 control characters removed/,
    );
  });

  it('keeps markup, quotes, entities and every ]]> exact in every field', async () => {
    const { rss, atom, json } = await readAll(dir);
    const jsonItem = json.items.find((i: { title: string }) => i.title === MARKUP);
    expect(jsonItem.summary).toBe(MARKUP);
    expect(jsonItem.tags).toEqual([`Cat ${MARKUP}`, 'a & b', '<tag>']);
    expect(jsonItem.authors).toEqual([{ name: `Name ${MARKUP}` }]);
    expect(jsonItem.content_html).toContain('Text with ]]&gt; and ]]&gt; again.');

    const rssItem = rss.items?.find((i) => i.title === MARKUP);
    expect(rssItem?.categories?.map((c) => c.name)).toEqual([`Cat ${MARKUP}`, 'a & b', '<tag>']);
    expect(rssItem?.dc?.creators).toEqual([`Name ${MARKUP}`]);
    expect(rssItem?.content?.encoded).toBe(jsonItem.content_html);

    const entry = atom.entries?.find((e) => e.title?.value === MARKUP);
    expect(entry?.summary?.value).toBe(MARKUP);
    expect(entry?.categories?.map((c) => c.term)).toEqual([`Cat ${MARKUP}`, 'a & b', '<tag>']);
    expect(entry?.authors?.[0]?.name).toBe(`Name ${MARKUP}`);
    expect(entry?.content?.value).toBe(jsonItem.content_html);
  });

  it('raw HTML is sanitized: the script is gone', async () => {
    const { json } = await readAll(dir);
    const item = json.items.find((i: { title: string }) => i.title === MARKUP);
    expect(item.content_html).toContain('<div>raw ]]&gt; html</div>');
    expect(item.content_html).not.toContain('<script');
  });

  it('keeps emoji, RTL text and combining marks', async () => {
    const { rss, atom, json } = await readAll(dir);
    expect(json.items.some((i: { title: string }) => i.title === UNICODE)).toBe(true);
    expect(rss.items?.some((i) => i.title === UNICODE)).toBe(true);
    expect(atom.entries?.some((e) => e.summary?.value === UNICODE)).toBe(true);
  });

  it('keeps a very long title, and a multi-megabyte body whole on its page', async () => {
    const { json } = await readAll(dir);
    const item = json.items.find((i: { title: string }) => i.title === LONG_TITLE);
    expect(item.summary.length).toBeLessThanOrEqual(300);
    // Over 1 MB of HTML, the feeds carry the summary and a link instead (see hostile-input).
    expect(item.content_html).toBe(
      `<p>${item.summary}</p>\n<p><a href="${item.url}">${item.url}</a></p>`,
    );
    const page = await read(dir, `dist${new URL(item.url).pathname}index.html`);
    expect(page.length).toBeGreaterThan(3_000_000);
    expect(stderr).toContain('warning: posts/long.md  body  the body is 3.4 MB');
  });

  it('an empty body still makes a valid item', async () => {
    const { rss, json } = await readAll(dir);
    const item = json.items.find((i: { title: string }) => i.title === 'Empty body');
    expect(item.content_html).toBe('');
    expect(item.summary).toBeUndefined();
    expect(rss.items?.find((i) => i.title === 'Empty body')?.dc?.creators).toEqual(['Desk']);
  });

  it('path-like category names and slugs never leave the output folder', async () => {
    const entries = await readdir(path.join(dir, 'dist', 'categories'));
    expect(entries.sort()).toEqual([
      'a-b-c',
      'cat-b-and-amp-quotes-apos-and-script-alert-1-script',
      'category-5ec1f7e7', // "..": nothing URL-safe is left, so a stable hash names it
      'con-category', // "con" is a reserved device name on Windows
      'ctrlcat',
      'emoji-rtl-mrhba-balealm-combining-e',
      'etc',
      'hidden',
    ]);
    for (const entry of entries) expect(entry).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    const { json } = await readAll(dir);
    const item = json.items.find((i: { title: string }) => i.title === 'Path-like categories');
    expect(item.url).toBe('https://news.example.com/posts/escape/');
    expect(item.tags).toEqual(['../../etc', 'a/b\\c', 'con', '.hidden', '..']);
    await expect(lstat(path.join(dir, 'etc'))).rejects.toThrow();
  });

  it('__proto__ and constructor keys are plain data: no prototype pollution', async () => {
    const { json } = await readAll(dir);
    expect(json.items.some((i: { title: string }) => i.title === 'Prototype keys')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(stderr).toMatch(/posts\/proto\.md:\d+:\d+ {2}__proto__ {2}unknown key/);
  });

  it('reads nested folders and ignores files that are not posts', async () => {
    const { json } = await readAll(dir);
    expect(json.items.some((i: { title: string }) => i.title === 'Deeply nested')).toBe(true);
  });

  it('never follows symbolic links, so text outside the posts folder never reaches a feed', async () => {
    const { raw } = await readAll(dir);
    expect(raw.rss + raw.atom + raw.json).not.toContain('SECRET');
    expect(stderr).toContain('posts/link-outside.md  symbolic link not followed');
  });

  it('XML text has no undeclared HTML entities (the W3C validator rejects them)', async () => {
    const { raw } = await readAll(dir);
    const rss = parseXml(raw.rss);
    expect(textOf(rss.rss.channel.title)).toBe('Test News');
    expect(raw.rss.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toMatch(
      /&(?!#x[0-9A-F]+;|amp;|lt;|gt;|quot;|apos;)/,
    );
  });
});
