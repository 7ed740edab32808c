/**
 * A bilingual site (issue 12): English and French posts, two of them translations of each other,
 * built with the real CLI; feeds, pages, OPML and sitemaps read back with parsers we did not write.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseOpml } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectValidJsonFeed,
  expectWellFormed,
  expectWellFormedAs,
  parseWithFeedsmith,
  parseWithRowanmanning,
  parseXml,
  textOf,
} from '../helpers/feeds.js';
import { all, attr, parseHtml, text } from '../helpers/html.js';
import { makeConfig, postText, runCli, siteMaker } from '../helpers/site.js';

const SITE = 'https://news.example.com/';
const makeSite = siteMaker();

const posts = {
  'budget.md': postText({
    title: 'Budget passes after late vote',
    date: '2026-11-20 21:30',
    categories: ['Politics'],
    author: 'Jane Doe',
    translationKey: 'budget-2026',
    corrections: [{ date: '2026-11-21 10:00', text: 'The vote was 170 to 150.' }],
  }),
  'budget-fr.md': postText({
    title: 'Le budget adopté après un vote tardif',
    date: '2026-11-20 22:00',
    language: 'fr',
    categories: ['Politique'],
    author: 'Jane Doe',
    translationKey: 'budget-2026',
  }),
  'rates.md': postText({ title: 'Rates held', date: '2026-11-18 09:00', categories: ['Economy'] }),
  'culture-fr.md': postText({
    title: 'Un festival à Québec',
    date: '2026-11-19 09:00',
    language: 'fr-CA',
    categories: ['Culture'],
  }),
};

describe('a bilingual site (end to end, real CLI)', () => {
  let dir: string;
  const read = (file: string) => readFile(path.join(dir, 'dist', file), 'utf8');

  beforeAll(async () => {
    const { language: _language, ...config } = makeConfig();
    const text = { fr: { title: 'Nouvelles Test', description: 'Les nouvelles des tests.' } };
    dir = await makeSite(posts, { ...config, languages: ['en-CA', 'fr-CA'], text });
    const run = runCli(dir);
    expect(run.status, run.stderr).toBe(0);
  });

  it('gives each language its own site and category feeds, one language per feed', async () => {
    const manifest = JSON.parse(await read('.feedwright-manifest.json'));
    expect(Object.keys(manifest.feeds).sort()).toEqual(
      [
        'rss.xml',
        'categories/politics/rss.xml',
        'categories/economy/rss.xml',
        'authors/jane-doe/rss.xml',
        'fr/rss.xml',
        'fr/categories/politique/rss.xml',
        'fr/categories/culture/rss.xml',
        'fr/authors/jane-doe/rss.xml',
      ].sort(),
    );
    const titles = async (file: string) =>
      (await parseWithRowanmanning(await read(file))).items.map((item) => item.title);
    expect(await titles('rss.xml')).toEqual(['Budget passes after late vote', 'Rates held']);
    expect(await titles('fr/rss.xml')).toEqual([
      'Le budget adopté après un vote tardif',
      'Un festival à Québec',
    ]);
    expect(await titles('fr/authors/jane-doe/rss.xml')).toEqual([
      'Le budget adopté après un vote tardif',
    ]);
  });

  it('says each feed’s language in RSS, Atom (xml:lang) and JSON Feed, and every feed is well-formed', async () => {
    for (const [folder, tag] of [
      ['', 'en-CA'],
      ['fr/', 'fr-CA'],
      ['fr/categories/culture/', 'fr-CA'],
    ]) {
      const rss = await read(`${folder}rss.xml`);
      const atom = await read(`${folder}atom.xml`);
      const json = await read(`${folder}feed.json`);
      expectWellFormed(rss, 'rss');
      expectWellFormed(atom, 'feed');
      expectValidJsonFeed(json);
      expect(textOf(parseXml(rss).rss.channel.language)).toBe(tag);
      expect(parseXml(atom).feed['@xml:lang']).toBe(tag);
      expect(JSON.parse(json).language).toBe(tag);
      expect(parseWithFeedsmith(atom).format).toBe('atom');
    }
  });

  it('titles French feeds and writes French notes in French', async () => {
    const channel = parseXml(await read('fr/categories/politique/rss.xml')).rss.channel;
    expect(textOf(channel.title)).toBe('Nouvelles Test — Politique');
    expect(textOf(channel.description)).toBe('Politique : les articles de Nouvelles Test.');
    const french = parseXml(await read('fr/rss.xml')).rss.channel;
    expect([textOf(french.title), textOf(french.description)]).toEqual([
      'Nouvelles Test',
      'Les nouvelles des tests.',
    ]);
    // A French section is one of the French edition's: its taxonomy is under fr/.
    const atom = parseXml(await read('fr/categories/politique/atom.xml')).feed;
    expect(atom.entry[0].category[0]['@scheme']).toBe(`${SITE}fr/categories/`);
    const english = parseXml(await read('rss.xml')).rss.channel.item[0];
    expect(textOf(english['content:encoded'])).toContain('Correction, <time');
    expect(textOf(english['content:encoded'])).toContain('>November 21, 2026</time>:');
  });

  it('puts French pages in the French folder, with French text and dates', async () => {
    const home = parseHtml(await read('fr/index.html'));
    expect(attr(all(home, 'html')[0], 'lang')).toBe('fr-CA');
    expect(all(home, 'h1').map(text)).toEqual(['Nouvelles Test']);
    expect(text(all(home, 'title')[0])).toBe('Nouvelles Test');
    expect(all(home, 'h2').map(text)).toEqual(['Derniers articles', 'S’abonner']);
    expect(all(home, 'time').map(text)).toEqual(['20 novembre 2026', '19 novembre 2026']);
    expect(all(home, 'nav')[0] && text(all(home, 'nav')[0])).toContain('À la une');

    const story = parseHtml(await read('fr/posts/budget-fr/index.html'));
    const meta = all(story, 'p')
      .filter((p) => attr(p, 'class')?.startsWith('meta'))
      .map(text);
    expect(meta[0]).toBe('Publié le 20 novembre 2026 à 22 h 00 UTC−5');
    expect(meta).toContain('Par Jane Doe');
    expect(meta).toContain('Rubriques : Politique');
    const english = parseHtml(await read('index.html'));
    expect(all(english, 'h2').map(text)).toEqual(['Latest stories', 'Subscribe']);
  });

  it('links a story and its translation both ways, with hreflang', async () => {
    const alternates = async (file: string) =>
      all(parseHtml(await read(file)), 'link')
        .filter((l) => attr(l, 'hreflang'))
        .map((l) => [attr(l, 'hreflang'), attr(l, 'href')]);
    const both = [
      ['en-CA', `${SITE}posts/budget/`],
      ['fr-CA', `${SITE}fr/posts/budget-fr/`],
    ];
    expect(await alternates('posts/budget/index.html')).toEqual(both);
    expect(await alternates('fr/posts/budget-fr/index.html')).toEqual(both);
    expect(await alternates('posts/rates/index.html')).toEqual([]);
    expect(await alternates('fr/index.html')).toEqual([
      ['en-CA', SITE],
      ['fr-CA', `${SITE}fr/`],
      ['x-default', SITE],
    ]);
    const story = parseHtml(await read('posts/budget/index.html'));
    const links = (el: Parameters<typeof all>[0] | undefined) =>
      el ? all(el, 'a').map((a) => [text(a), attr(a, 'href'), attr(a, 'hreflang')]) : [];
    const [translations] = all(story, 'p').filter((p) =>
      attr(p, 'class')?.includes('translations'),
    );
    expect(links(translations)).toEqual([['Français', '../../fr/posts/budget-fr/', 'fr-CA']]);
    // Every page's navigation leads to the other language's landing page.
    expect(links(all(story, 'nav')[0]).at(-1)).toEqual(['Français', '../../fr/', 'fr-CA']);
    const french = parseHtml(await read('fr/posts/budget-fr/index.html'));
    expect(links(all(french, 'nav')[0]).at(-1)).toEqual(['English', '../../../', 'en-CA']);
  });

  it('groups feeds.opml by language, every feed listed once', async () => {
    const text = await read('feeds.opml');
    expectWellFormedAs(text, 'opml');
    const opml = parseOpml(text);
    const groups = opml.body?.outlines ?? [];
    expect(groups.map((g) => g.text)).toEqual(['English', 'Français']);
    const flat = (outlines: typeof groups): typeof groups =>
      outlines.flatMap((o) => [o, ...flat(o.outlines ?? [])]);
    const listed = flat(groups).flatMap((o) => (o.xmlUrl ? [o.xmlUrl] : []));
    const manifest = JSON.parse(await read('.feedwright-manifest.json'));
    expect(listed.sort()).toEqual(
      Object.keys(manifest.feeds)
        .map((p) => `${SITE}${p}`)
        .sort(),
    );
  });

  it('lists translations in sitemap.xml and each story’s own language in the news sitemap', async () => {
    const sitemap = await read('sitemap.xml');
    expectWellFormedAs(sitemap, 'urlset');
    const urls = [parseXml(sitemap).urlset.url].flat();
    const budget = urls.find((u) => textOf(u.loc) === `${SITE}posts/budget/`);
    expect(
      [budget['xhtml:link']]
        .flat()
        .map((l: Record<string, string>) => [l['@hreflang'], l['@href']]),
    ).toEqual([
      ['en-CA', `${SITE}posts/budget/`],
      ['fr-CA', `${SITE}fr/posts/budget-fr/`],
    ]);
    const news = [parseXml(await read('sitemap-news.xml')).urlset.url].flat();
    const languages = Object.fromEntries(
      news.map((u) => [textOf(u.loc), u['news:news']['news:publication']['news:language']]),
    );
    expect(languages[`${SITE}posts/budget/`]).toBe('en');
    expect(languages[`${SITE}fr/posts/budget-fr/`]).toBe('fr');
  });
});

describe('a post in a language the site does not publish in', () => {
  it('fails the build of a site in several languages, naming the file, the field and the fix', async () => {
    const { language: _language, ...config } = makeConfig();
    const dir = await makeSite(
      { 'a.md': postText({ title: 'Ein Artikel', date: '2026-11-20', language: 'de' }) },
      { ...config, languages: ['en', 'fr'] },
    );
    const run = runCli(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('posts/a.md');
    expect(run.stderr).toContain('language "de" is not one of the site\'s languages (en, fr)');
    expect(run.stderr).toContain('add it to "languages" in the config');
  });

  it('is published in the language of a site in one language, with a warning', async () => {
    const dir = await makeSite({
      'a.md': postText({ title: 'Ein Artikel', date: '2026-11-20', language: 'de' }),
    });
    const run = runCli(dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('language "de" is not the site\'s language (en)');
  });
});
