import { describe, expect, it } from 'vitest';
import { renderBody } from '../../../src/bodies/render-body.js';
import { siteDocument } from '../../../src/derive/feed-documents.js';
import { planFeeds } from '../../../src/derive/plan-feeds.js';
import { hashBytes } from '../../../src/hash.js';
import type {
  FeedItem,
  ItemXml,
  KeptFile,
  OutputFile,
  SiteConfig,
  SiteDocument,
} from '../../../src/model.js';
import { makeHtmlStore } from '../../../src/pipeline/html-store.js';
import { renderFeed, renderFeeds } from '../../../src/render/feeds/render-feeds.js';
import { itemKey, summaryKey } from '../../../src/render/item-key.js';
import { renderSitePages } from '../../../src/render/pages/render-pages.js';
import {
  keepingNone,
  outputKeys,
  pendingOf,
  renderOrder,
  renderSite,
  type SiteReuse,
  siteOutputs,
} from '../../../src/render/render-site.js';
import { renderOpml } from '../../../src/render/site-files/opml.js';
import {
  renderNewsSitemap,
  renderRobots,
  renderSitemaps,
} from '../../../src/render/site-files/sitemaps.js';
import { isStored, removeHtmlStore, storeHtml, storyText } from '../../../src/stored-html.js';
import { makePost, siteConfig, siteOf, type TestPost } from '../../helpers/model.js';

const config = siteConfig();

function posts(site: SiteConfig = config, titleOfA = 'A'): TestPost[] {
  return [
    makePost({ slug: 'a', title: titleOfA, categories: ['Politics'] }, site),
    makePost({ slug: 'b', title: 'B', date: new Date('2026-04-01T12:00:00Z') }, site),
  ];
}

function site(titleOfA = 'A', siteConfigUsed: SiteConfig = config): SiteDocument {
  return siteOf(posts(siteConfigUsed, titleOfA), siteConfigUsed);
}

/**
 * The site of `posts()` as a build makes it: each view with a content key for its file's bytes,
 * and its HTML only for the posts named in `withHtml` (the others are pending).
 */
function built(
  withHtml: readonly string[] = ['a', 'b'],
  cfg: SiteConfig = config,
  edited: readonly string[] = [],
): SiteDocument {
  return siteDocument(planFeeds(posts(cfg), cfg), cfg, (post) => {
    const { summary, contentHtml } = renderBody(post, post.body, cfg);
    const edit = edited.includes(post.slug) ? ', edited' : '';
    return {
      post,
      summary,
      contentKey: `bytes of ${post.sourcePath}${edit}`,
      ...(withHtml.includes(post.slug) ? { contentHtml } : {}),
    };
  });
}

const SUBSCRIPTION_PATHS = [
  ['rss.xml', 'atom.xml', 'feed.json'],
  ['categories/politics/rss.xml', 'categories/politics/atom.xml', 'categories/politics/feed.json'],
];

const ARCHIVE_PATHS = [
  ['archive/1/rss.xml', 'archive/1/atom.xml', 'archive/1/feed.json'],
  [
    'categories/politics/archive/1/rss.xml',
    'categories/politics/archive/1/atom.xml',
    'categories/politics/archive/1/feed.json',
  ],
];

const PAGE_PATHS = [
  'index.html',
  'categories/politics/index.html',
  'posts/a/index.html',
  'posts/b/index.html',
];

/** The files that describe the site, at its root, after the pages. */
const SITE_FILE_PATHS = ['feeds.opml', 'sitemap.xml', 'sitemap-news.xml', 'robots.txt'];

const OUTPUTS = [
  ...SUBSCRIPTION_PATHS,
  ...ARCHIVE_PATHS,
  ...PAGE_PATHS.map((path) => [path]),
  ...SITE_FILE_PATHS.map((path) => [path]),
];
const FILE_PATHS = OUTPUTS.flat();
const FIRST_PATHS = OUTPUTS.map((paths) => paths[0] as string);

const isKept = (file: OutputFile | KeptFile): file is KeptFile => 'keep' in file;

/** Keeps nothing, but notes what it was asked. */
function recordingReuse(): SiteReuse & { asked: [readonly string[], string][] } {
  const asked: [readonly string[], string][] = [];
  return {
    asked,
    kept: (paths, key) => {
      asked.push([paths, key]);
      return undefined;
    },
  };
}

/** Keeps every output whose first path `keep` accepts, with digests named for its files. */
function keeping(keep: (first: string) => boolean): SiteReuse {
  return {
    kept: (paths) =>
      keep(paths[0] as string) ? paths.map((path) => `digest of ${path}`) : undefined,
  };
}

describe('keepingNone', () => {
  it('keeps no output with a file in the set, and asks the reuse given of every other', () => {
    const asked: string[][] = [];
    const items = () => new Map<string, ItemXml>();
    const reuse = {
      items,
      kept: (paths: readonly string[], key: string) => {
        asked.push([...paths, key]);
        return paths.map((p) => `digest of ${p}`);
      },
    };
    const again = keepingNone(reuse, new Set(['categories/a/atom.xml', 'index.html']));
    expect(again.items).toBe(items);
    const feed = ['categories/a/rss.xml', 'categories/a/atom.xml', 'categories/a/feed.json'];
    expect(again.kept(feed, 'k1')).toBeUndefined();
    expect(again.kept(['index.html'], 'k2')).toBeUndefined();
    expect(again.kept(['posts/b/index.html'], 'k3')).toEqual(['digest of posts/b/index.html']);
    expect(asked).toEqual([['posts/b/index.html', 'k3']]);
    // Nothing to keep stays so.
    expect(keepingNone({ kept: () => undefined, none: true as const }, new Set()).none).toBe(true);
  });
});

describe('renderOrder', () => {
  // Ten stories over ten months in two categories, feeds of 2 and archives of 3: many documents.
  const small = siteConfig({ limit: 2, archiveSize: 3 });
  const archived = siteOf(
    Array.from({ length: 10 }, (_, i) =>
      makePost(
        {
          slug: `s${i}`,
          title: `S${i}`,
          date: new Date(Date.UTC(2026, i, 1)),
          categories: [i % 2 ? 'Odd' : 'Even'],
        },
        small,
      ),
    ),
    small,
  );
  const docs = [...archived.feeds, ...archived.archives];
  const newest = (index: number) =>
    Math.max(...(docs[index]?.items ?? []).map((item) => item.published.getTime()));

  it('puts the archives first and the subscription documents last, each by their newest story, the other outputs between as planned', () => {
    const all = siteOutputs(archived).map((_, index) => index);
    const order = renderOrder(archived, all);
    const subscriptions = archived.feeds.length;
    expect(archived.archives.length).toBeGreaterThan(3);
    expect([...order].sort((a, b) => a - b)).toEqual(all);
    const archives = order.slice(0, archived.archives.length);
    const feeds = order.slice(-subscriptions);
    expect([...archives].sort((a, b) => a - b)).toEqual(all.slice(subscriptions, docs.length));
    expect([...feeds].sort((a, b) => a - b)).toEqual(all.slice(0, subscriptions));
    for (const kind of [archives, feeds])
      for (let i = 1; i < kind.length; i++)
        expect(newest(kind[i] as number)).toBeGreaterThanOrEqual(newest(kind[i - 1] as number));
    expect(order.slice(archives.length, -subscriptions)).toEqual(all.slice(docs.length));
  });

  it('orders only the outputs it is given', () => {
    const some = [docs.length + 1, 0, docs.length - 1];
    expect(renderOrder(archived, some)).toEqual([docs.length - 1, docs.length + 1, 0]);
  });
});

describe('siteOutputs', () => {
  it('lists the subscription documents, then the archives (three files each), then every page, then the feed list, sitemaps and robots.txt', () => {
    expect(siteOutputs(site()).map((output) => output.paths)).toEqual(OUTPUTS);
  });

  it('plans a site once: the same site gives the very same plans (keys taken once), another site its own', () => {
    const doc = site();
    const plans = siteOutputs(doc);
    expect(siteOutputs(doc)).toBe(plans);
    expect(siteOutputs(site())).not.toBe(plans);
    expect(siteOutputs(site()).map((output) => output.key)).toEqual(plans.map((o) => o.key));
  });

  it('renders each feed document as renderFeed does, each page as renderSitePages does, and the site files as their renderers do', () => {
    const doc = site();
    const outputs = siteOutputs(doc);
    expect(outputs.slice(0, 2).flatMap((output) => output.render())).toEqual(
      renderFeeds(doc.feeds),
    );
    expect(outputs.slice(2, 4).flatMap((output) => output.render())).toEqual(
      doc.archives.flatMap((archive) => renderFeed(archive)),
    );
    expect(outputs.slice(4, -4).flatMap((output) => output.render())).toEqual(renderSitePages(doc));
    expect(outputs.slice(-4).flatMap((output) => output.render())).toEqual([
      { path: 'feeds.opml', content: renderOpml(doc) },
      ...renderSitemaps(doc),
      { path: 'sitemap-news.xml', content: renderNewsSitemap(doc) },
      { path: 'robots.txt', content: renderRobots(doc) },
    ]);
  });

  it('says which post files’ HTML each output shows: none for archives of excerpts', () => {
    expect(config.archiveContent).toBe('summary');
    expect(siteOutputs(site()).map((output) => [output.paths[0], output.needs])).toEqual([
      ['rss.xml', ['a.md', 'b.md']],
      ['categories/politics/rss.xml', ['a.md']],
      ['archive/1/rss.xml', []],
      ['categories/politics/archive/1/rss.xml', []],
      ['index.html', []],
      ['categories/politics/index.html', []],
      ['posts/a/index.html', ['a.md']],
      ['posts/b/index.html', ['b.md']],
      ['feeds.opml', []],
      ['sitemap.xml', []],
      ['sitemap-news.xml', []],
      ['robots.txt', []],
    ]);
  });

  it('says archives of full text show their stories’ HTML', () => {
    const full = siteConfig({ archiveContent: 'full' });
    expect(siteOutputs(site('A', full)).map((output) => [output.paths[0], output.needs])).toEqual([
      ['rss.xml', ['a.md', 'b.md']],
      ['categories/politics/rss.xml', ['a.md']],
      ['archive/1/rss.xml', ['a.md', 'b.md']],
      ['categories/politics/archive/1/rss.xml', ['a.md']],
      ['index.html', []],
      ['categories/politics/index.html', []],
      ['posts/a/index.html', ['a.md']],
      ['posts/b/index.html', ['b.md']],
      ['feeds.opml', []],
      ['sitemap.xml', []],
      ['sitemap-news.xml', []],
      ['robots.txt', []],
    ]);
  });

  it('says a redirect page needs no HTML', () => {
    const moved = makePost({
      slug: 'a',
      title: 'A',
      aliases: [{ path: '/2019/a/', page: '2019/a/index.html' }],
    });
    const outputs = siteOutputs(siteOf([moved], config));
    // The redirect is the last page, before the feed list, the sitemaps and robots.txt.
    expect(outputs.at(-5)?.paths).toEqual(['2019/a/index.html']);
    expect(outputs.at(-5)?.needs).toEqual([]);
    expect(outputs.slice(-4).map((output) => output.paths)).toEqual(
      SITE_FILE_PATHS.map((path) => [path]),
    );
  });

  it.each(['summary', 'full'] as const)(
    'knows every key before any body is rendered (archives of %s)',
    (archiveContent) => {
      const cfg = siteConfig({ archiveContent });
      const skeleton = siteOutputs(built([], cfg));
      const full = siteOutputs(built(['a', 'b'], cfg));
      expect(skeleton.map((output) => output.paths)).toEqual(OUTPUTS);
      expect(full.map((output) => output.paths)).toEqual(OUTPUTS);
      expect(skeleton.map((output) => output.key)).toEqual(full.map((output) => output.key));
      expect(built([], cfg).listings[0]?.items.map((item) => item.pending)).toEqual([true, true]);
    },
  );

  it('gives every output its own key, and the same documents the same keys', () => {
    const keys = siteOutputs(site()).map((output) => output.key);
    for (const key of keys) expect(key).toMatch(/^[\w-]+$/);
    expect(new Set(keys).size).toBe(OUTPUTS.length);
    expect(siteOutputs(site()).map((output) => output.key)).toEqual(keys);
  });
});

describe('renderSite', () => {
  it('renders every output in order, keyed by its first path', () => {
    const doc = site();
    const { files, keys } = renderSite(doc);
    expect(files.map((file) => file.path)).toEqual(FILE_PATHS);
    // Files read when written claim no check of their own: the writer checks them whole.
    const bare = ({ path, content }: OutputFile) => ({ path, content });
    expect(files).toEqual(siteOutputs(doc).flatMap((output) => output.render().map(bare)));
    expect(files.some(isKept)).toBe(false);
    expect(keys).toEqual(new Map(siteOutputs(doc).map((output) => [output.paths[0], output.key])));
    expect([...keys.keys()]).toEqual(FIRST_PATHS);
  });

  it('renders the summaries a build cache keeps on disk as it renders their text, keyed alike', () => {
    const store = makeHtmlStore();
    try {
      // As a build makes the site from stories read back from its cache: each summary where it is.
      const withSummaries = (stored: boolean) =>
        siteDocument(planFeeds(posts(), config), config, (post) => {
          const { summary, contentHtml } = renderBody(post, post.body, config);
          const summaryKey = hashBytes(summary);
          const kept = stored ? { ...storeHtml(store, summary), key: summaryKey } : summary;
          return { post, summary: kept, summaryKey, contentKey: post.sourcePath, contentHtml };
        });
      const text = withSummaries(false);
      const kept = withSummaries(true);
      expect(kept.items.every((item) => isStored(item.summary))).toBe(true);
      expect(kept.items.some((item) => storyText(item.summary).length > 0)).toBe(true);
      const read = (doc: SiteDocument) =>
        renderSite(doc).files.map((f) => [f.path, 'content' in f ? f.content : f.keep]);
      expect(read(kept)).toEqual(read(text));
      expect(renderSite(kept).keys).toEqual(renderSite(text).keys);
    } finally {
      removeHtmlStore(store);
    }
  });

  it('renders a file only when its content is read, and keeps no text once every file is read', () => {
    const doc = site();
    const expected = siteOutputs(doc).flatMap((output) =>
      output.render().map(({ path, content }) => ({ path, content })),
    );
    const { files } = renderSite(doc);
    for (const file of files) {
      // A getter, not a value: nothing was rendered yet, and nothing is held in the file.
      expect(Object.getOwnPropertyDescriptor(file, 'content')?.get).toBeTypeOf('function');
    }
    // A feed's three formats in any order, each read twice: the same bytes every time.
    const [rss, atom, json] = files.slice(0, 3) as OutputFile[];
    const reads = [json, rss, json, atom, rss, atom].map((file) => [file?.path, file?.content]);
    const byPath = new Map(expected.map((file) => [file.path, file.content]));
    for (const [path, content] of reads) expect(content).toBe(byPath.get(path as string));
    expect(
      files.map((file) => ({ path: file.path, content: (file as OutputFile).content })),
    ).toEqual(expected);
  });

  it('gives files that read like any other: path and content their own, spread and cloned with their text, one getter for all', () => {
    const doc = site();
    const { files } = renderSite(doc);
    const [rss, atom] = files as OutputFile[];
    const rendered = siteOutputs(doc)[0]?.render() ?? [];
    expect(Object.keys(rss as OutputFile)).toEqual(['path', 'content']);
    expect({ ...rss }).toEqual({ path: 'rss.xml', content: rendered[0]?.content });
    expect(structuredClone(atom)).toEqual({ path: 'atom.xml', content: rendered[1]?.content });
    expect(JSON.parse(JSON.stringify(rss))).toEqual({ ...rss });
    // Not a closure a file: the same function reads every file's content.
    const getter = (file: unknown) => Object.getOwnPropertyDescriptor(file, 'content')?.get;
    expect(new Set(files.map(getter)).size).toBe(1);
  });

  it("gives the next build the keys taken of the site's items and of their pages, with the page context", () => {
    const doc = built();
    const rendered = renderSite(doc);
    const pageOf = (source: string) =>
      siteOutputs(doc).find((o) => o.paths.length === 1 && o.needs[0] === source);
    // Nothing could be kept: none keyed until the keys are read.
    expect(rendered.itemKeys?.()).toMatchObject({
      sources: ['a.md', 'b.md'],
      contentKeys: ['bytes of a.md', 'bytes of b.md'],
      keys: [undefined, undefined],
      pageKeys: [undefined, undefined],
    });
    const keys = rendered.keys;
    const taken = rendered.itemKeys?.();
    expect(taken?.pageContext).toMatch(/^[\w-]+$/);
    const pageKey = (source: string) => keys.get(pageOf(source)?.paths[0] as string);
    expect(pageKey('a.md')).toBeDefined();
    expect(taken).toMatchObject({
      sources: ['a.md', 'b.md'],
      contentKeys: ['bytes of a.md', 'bytes of b.md'],
      keys: [itemKey(doc.items[0] as FeedItem, false), itemKey(doc.items[1] as FeedItem, false)],
      pageKeys: [pageKey('a.md'), pageKey('b.md')],
    });
  });

  it("takes the page keys a build knows instead of taking them, in the site's page context", () => {
    const first = renderSite(built());
    const fresh = first.keys;
    const { pageKeys, pageContext } = first.itemKeys?.() ?? { pageKeys: [] };
    const contexts: string[] = [];
    const outputs = siteOutputs(built(), (context) => {
      contexts.push(context);
      return ({ source }) => (source === 'a.md' ? 'known' : undefined);
    });
    expect(contexts).toEqual([pageContext]);
    const pageOf = (source: string) =>
      outputs.find((o) => o.paths.length === 1 && o.needs[0] === source);
    expect(pageOf('a.md')?.key).toBe('known');
    expect(pageOf('b.md')?.key).toBe(pageKeys[1]);
    expect(pageOf('b.md')?.key).toBe(fresh.get(pageOf('b.md')?.paths[0] as string));
  });

  it('renders nothing for a site without feeds', () => {
    const empty = { ...site(), feeds: [], archives: [], listings: [] };
    const rendered = renderSite(empty);
    expect(rendered).toEqual({
      files: [],
      keys: new Map(),
      from: { site: empty, fresh: [], outputs: [], keyed: false },
      items: expect.any(Function),
      itemKeys: expect.any(Function),
    });
    // No feed document rendered: the items are the ones it was given.
    expect(rendered.items?.()).toBeUndefined();
  });

  it('keeps the items of the subscription documents and the newest archives for the next build, which takes them', () => {
    const first = renderSite(site());
    const read = (files: (OutputFile | KeptFile)[]) =>
      files.map((file) => [file.path, (file as OutputFile).content]);
    const written = read(first.files);
    const items = first.items?.()?.fresh ?? new Map<string, ItemXml>();
    // Two stories, each in RSS and Atom; a holds full text in its documents, so is kept as two parts.
    const shown = new Set([...items.keys()].map((key) => key.split('\u0000')[0]));
    const feedItems = site().feeds.flatMap((doc) => doc.items);
    expect(shown).toEqual(new Set(feedItems.map((item) => summaryKey(item))));
    expect([...items.values()].some((xml) => xml.length === 2)).toBe(true);
    // Marked, to see them taken: a new build of the same site shows the marked items.
    const marked = new Map(
      [...items].map(([key, [head, ...rest]]) => [
        key,
        [`<!--kept-->${head}`, ...rest] as unknown as ItemXml,
      ]),
    );
    const again = renderSite(site(), { kept: () => undefined, items: () => marked });
    const rss = (again.files.find((file) => file.path === 'rss.xml') as OutputFile).content;
    expect(rss.match(/<!--kept-->/g)?.length).toBe(2);
    // A site whose story a changed takes b's item, and writes a's afresh.
    const retitled = renderSite(site('A, retitled'), {
      kept: () => undefined,
      items: () => marked,
    });
    const changed = (retitled.files.find((file) => file.path === 'rss.xml') as OutputFile).content;
    expect(changed.match(/<!--kept-->/g)?.length).toBe(1);
    expect(changed).toContain('A, retitled');
    // None given: everything is written again, the same bytes as the first time.
    expect(read(renderSite(site()).files)).toEqual(written);
  });

  it('keys no output before it is rendered when nothing can be kept, and every one when asked', () => {
    const doc = site();
    const eager = renderSite(site()).keys;
    const reuse = { ...recordingReuse(), none: true as const };
    const rendered = renderSite(doc, reuse);
    expect(reuse.asked).toEqual([]);
    expect(rendered.from?.keyed).toBe(false);
    expect(rendered.files).toEqual(renderSite(doc).files);
    expect(rendered.keys).toEqual(eager);
    expect(renderSite(doc, recordingReuse()).from?.keyed).toBe(true);
  });

  it('lists every output key by first path, a given one in its place (outputKeys)', () => {
    const outputs = siteOutputs(site());
    const keys = outputKeys(outputs);
    expect([...keys.keys()]).toEqual(FIRST_PATHS);
    expect([...keys.values()]).toEqual(outputs.map((o) => o.key));
    expect(outputKeys(outputs, new Map([['rss.xml', 'given']]))).toEqual(
      new Map([...keys, ['rss.xml', 'given']]),
    );
  });

  it('gives the same keys on a copy of the site, as a worker takes it in', () => {
    const doc = site();
    const copy = structuredClone(doc);
    expect(siteOutputs(copy).map((o) => o.key)).toEqual(siteOutputs(doc).map((o) => o.key));
  });

  it('asks about every output by its paths and key, and renders the ones it may not keep', () => {
    const doc = site();
    const reuse = recordingReuse();
    const { files, keys } = renderSite(doc, reuse);
    expect(reuse.asked).toEqual(OUTPUTS.map((paths) => [paths, keys.get(paths[0] as string)]));
    expect(files).toEqual(renderSite(doc).files);
  });

  it('carries over a kept output as its files with the given digests, in its place', () => {
    const doc = site();
    const fresh = renderSite(doc);
    const kept = renderSite(
      doc,
      keeping((first) => first === 'categories/politics/rss.xml' || first === 'posts/a/index.html'),
    );
    expect(kept.keys).toEqual(fresh.keys);
    expect(kept.files.map((file) => file.path)).toEqual(FILE_PATHS);
    expect(kept.files.filter(isKept)).toEqual([
      { path: 'categories/politics/rss.xml', keep: 'digest of categories/politics/rss.xml' },
      { path: 'categories/politics/atom.xml', keep: 'digest of categories/politics/atom.xml' },
      { path: 'categories/politics/feed.json', keep: 'digest of categories/politics/feed.json' },
      { path: 'posts/a/index.html', keep: 'digest of posts/a/index.html' },
    ]);
    const rendered = kept.files.filter((file) => !isKept(file));
    expect(rendered).toEqual(
      fresh.files.filter((file) => rendered.some((r) => r.path === file.path)),
    );
  });

  it('keeps everything when every output is unchanged', () => {
    const { files } = renderSite(
      site(),
      keeping(() => true),
    );
    expect(files.every(isKept)).toBe(true);
    expect(files.map((file) => file.path)).toEqual(FILE_PATHS);
  });

  it('refuses (a bug) to render an output whose story’s HTML is not at hand', () => {
    expect(() => renderSite(built([]))).toThrow('rss.xml: the body of a.md was not rendered');
    expect(() => renderSite(built(['a']))).toThrow('rss.xml: the body of b.md was not rendered');
    // Keeping every output that shows b's HTML, the rest can be rendered.
    const needsB = new Set(
      siteOutputs(built(['a']))
        .filter((output) => output.needs.includes('b.md'))
        .map((output) => output.paths[0]),
    );
    expect([...needsB]).toEqual(['rss.xml', 'posts/b/index.html']);
    const { files } = renderSite(
      built(['a']),
      keeping((first) => needsB.has(first)),
    );
    expect(files.filter(isKept).map((file) => file.path)).toEqual([
      'rss.xml',
      'atom.xml',
      'feed.json',
      'posts/b/index.html',
    ]);
    expect(files.filter((file) => !isKept(file))).toEqual(
      renderSite(built()).files.filter(
        (file) => !needsB.has(file.path) && !['atom.xml', 'feed.json'].includes(file.path),
      ),
    );
    // Leave one of them out and it throws for that one.
    expect(() =>
      renderSite(
        built(['a']),
        keeping((first) => needsB.has(first) && first !== 'posts/b/index.html'),
      ),
    ).toThrow('posts/b/index.html: the body of b.md was not rendered');
  });

  it.each([
    [
      'summary',
      [...ARCHIVE_PATHS.flat(), 'index.html', 'categories/politics/index.html', ...SITE_FILE_PATHS],
    ],
    ['full', ['index.html', 'categories/politics/index.html', ...SITE_FILE_PATHS]],
  ] as const)(
    'renders what shows no HTML while every story is pending (archives of %s)',
    (archiveContent, expected) => {
      const cfg = siteConfig({ archiveContent });
      const pending = built([], cfg);
      const showsHtml = new Set(
        siteOutputs(pending)
          .filter((output) => output.needs.length > 0)
          .map((output) => output.paths[0]),
      );
      const { files } = renderSite(
        pending,
        keeping((first) => showsHtml.has(first)),
      );
      expect(files.filter((file) => !isKept(file)).map((file) => file.path)).toEqual(expected);
      // Those files are the very bytes the full site gives them.
      const full = renderSite(built(['a', 'b'], cfg));
      for (const file of files.filter((f): f is OutputFile => !isKept(f))) {
        expect(file).toEqual(full.files.find((f) => f.path === file.path));
      }
    },
  );

  it('changes the keys of exactly the outputs that show a changed story', () => {
    const before = renderSite(site()).keys;
    const after = renderSite(site('A, corrected')).keys;
    const changed = FIRST_PATHS.filter((path) => before.get(path) !== after.get(path));
    expect(changed).toEqual([
      'rss.xml',
      'categories/politics/rss.xml',
      'archive/1/rss.xml',
      'categories/politics/archive/1/rss.xml',
      'index.html',
      'categories/politics/index.html',
      'posts/a/index.html',
      // The news sitemap lists the new stories by title; sitemap.xml only their addresses.
      'sitemap-news.xml',
    ]);
  });

  it('keeps the keys of the outputs that show a story’s summary, not its HTML, when only the rest of its body changes', () => {
    const before = renderSite(built()).keys;
    const after = renderSite(built(['a', 'b'], config, ['a'])).keys;
    const changed = FIRST_PATHS.filter((path) => before.get(path) !== after.get(path));
    // The archives carry summaries (archiveContent: summary); listing pages show summaries.
    expect(changed).toEqual(['rss.xml', 'categories/politics/rss.xml', 'posts/a/index.html']);
  });

  it('changes every key when the site’s title changes, but sitemap.xml’s and robots.txt’s, which show no title', () => {
    const renamed = siteConfig({ title: 'Renamed News' });
    const before = renderSite(site());
    const after = renderSite(site('A', renamed));
    const untitled = ['sitemap.xml', 'robots.txt'];
    for (const path of FIRST_PATHS.filter((p) => !untitled.includes(p))) {
      expect(after.keys.get(path), path).not.toBe(before.keys.get(path));
    }
    const content = (files: readonly (OutputFile | KeptFile)[], path: string) =>
      (files.find((file) => file.path === path) as OutputFile).content;
    for (const path of untitled) {
      expect(after.keys.get(path), path).toBe(before.keys.get(path));
      expect(content(after.files, path), path).toBe(content(before.files, path));
    }
  });
});

describe('pendingOf', () => {
  it('gives the stories whose HTML is not at hand, found once for a site and anew for another', () => {
    const onlyA = built(['a']);
    expect([...pendingOf(onlyA)]).toEqual(['b.md']);
    expect(pendingOf(onlyA)).toBe(pendingOf(onlyA));
    const whole = built();
    expect(pendingOf(whole).size).toBe(0);
    expect([...pendingOf(built([]))].sort()).toEqual(['a.md', 'b.md']);
  });
});
