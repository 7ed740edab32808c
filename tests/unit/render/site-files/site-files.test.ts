import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../../../src/model.js';
import type { OutputPlan } from '../../../../src/render/pages/render-pages.js';
import { siteFilePlans } from '../../../../src/render/site-files/site-files.js';
import { sitemapEntries } from '../../../../src/render/site-files/sitemaps.js';
import { makePost, siteConfig, siteOf } from '../../../helpers/model.js';

const config = siteConfig();
const a = makePost({ slug: 'a', title: 'A', categories: ['Politics'] }, config);
const b = makePost({ slug: 'b', title: 'B', date: new Date('2026-04-01T00:00:00Z') }, config);

describe('siteFilePlans', () => {
  it('plans the feed list, the sitemaps and robots.txt, each rendering the files it names', () => {
    const plans = siteFilePlans(siteOf([a, b], config));
    expect(plans.map((p) => p.paths)).toEqual([
      ['feeds.opml'],
      ['sitemap.xml'],
      ['sitemap-news.xml'],
      ['robots.txt'],
    ]);
    for (const plan of plans) {
      expect(plan.render().map((f) => f.path)).toEqual(plan.paths);
      expect(plan.needs).toEqual([]);
    }
  });

  it('keys each by what it lists: a story’s new title changes the news sitemap, not robots.txt', () => {
    const keys = (posts: (typeof a)[]) => siteFilePlans(siteOf(posts, config)).map((p) => p.key);
    const before = keys([a, b]);
    expect(keys([a, b])).toEqual(before);
    const retitled = keys([{ ...a, title: 'A, retitled' }, b]);
    expect(retitled[2]).not.toBe(before[2]);
    expect(retitled[3]).toBe(before[3]);
    const updated = keys([{ ...a, updated: new Date('2026-06-01T00:00:00Z') }, b]);
    expect(updated[1]).not.toBe(before[1]);
  });

  it('keys the sitemap by its pages’ language versions too (found by the cache’s property test)', () => {
    const sitemap = (site: ReturnType<typeof siteOf>) => siteFilePlans(site)[1] as OutputPlan;
    const before = sitemap(siteOf([a, b], config));
    const site = siteOf([a, b], config);
    const item = site.items.find((i) => i.title === 'A') as FeedItem;
    // A version in another language: the same addresses and dates, a new `xhtml:link`.
    item.translations = [
      { language: 'en', url: item.url },
      { language: 'fr', url: 'https://news.example.com/fr/a/' },
    ];
    const after = sitemap(site);
    expect(after.key).not.toBe(before.key);
    expect(after.render()[0]?.content).toContain('hreflang="fr"');
    expect(before.render()[0]?.content).not.toContain('hreflang');
  });

  it('keys the sitemap by every page, however many: a change to the last of over a thousand changes it', () => {
    const posts = Array.from({ length: 1100 }, (_, i) =>
      makePost(
        { slug: `p${i}`, title: `P${i}`, date: new Date(Date.UTC(2026, 0, 1, 0, i)) },
        config,
      ),
    );
    const sitemap = (site: ReturnType<typeof siteOf>) => siteFilePlans(site)[1] as OutputPlan;
    const before = sitemap(siteOf(posts, config)).key;
    expect(sitemap(siteOf(posts, config)).key).toBe(before);
    // A language version of the story whose page the sitemap lists last: that entry alone changes.
    const site = siteOf(posts, config);
    const entries = sitemapEntries(site);
    expect(entries.length).toBeGreaterThan(1024);
    const last = site.items.find((i) => i.url === entries.at(-1)?.url) as FeedItem;
    last.translations = [
      { language: 'en', url: last.url },
      { language: 'fr', url: 'https://news.example.com/fr/last/' },
    ];
    expect(sitemap(site).key).not.toBe(before);
  });

  it('plans nothing for a site without feeds', () => {
    expect(siteFilePlans({ ...siteOf([a], config), feeds: [] })).toEqual([]);
  });
});
