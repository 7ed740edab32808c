import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFeeds } from '../../../src/check/check-feeds.js';
import { PROFILES, type Profile } from '../../../src/check/profiles.js';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { type FixtureItem, SITE, writeBuild } from '../../helpers/built-feeds.js';
import { png } from '../../helpers/png.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const msn = PROFILES.msn as Profile;
const flipboard = PROFILES.flipboard as Profile;

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const good: FixtureItem = {
  slug: 'good',
  title: 'A story that keeps every rule',
  content: '<p>Body.</p>',
  image: { url: `${SITE}images/big.png`, credit: 'Jo Photo' },
};

async function built(feeds: Parameters<typeof writeBuild>[1]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-check-'));
  dirs.push(dir);
  await writeBuild(dir, feeds, {
    'images/big.png': png(1200, 800),
    'images/small.png': png(600, 400),
  });
  return dir;
}

/** The findings without their messages (tested with the rules), for comparing lists. */
const brief = (findings: { rule: string; feed: string; source?: string; severity: string }[]) =>
  findings.map(({ rule, feed, source, severity }) => ({ rule, feed, source, severity }));

describe('checkFeeds', () => {
  it('finds each broken rule once per feed, naming the post file', async () => {
    const dir = await built({
      '': {
        items: [
          good,
          { ...good, slug: 'short', title: 'Short' },
          { ...good, slug: 'small', image: { url: `${SITE}images/small.png`, credit: 'Jo' } },
          { ...good, slug: 'fr', language: 'fr-CA' },
        ],
      },
      'categories/a/': {
        title: 'Test News — A',
        items: [good, { ...good, slug: 'short', title: 'Short' }],
      },
    });
    const report = await checkFeeds(dir, [msn], { now: NOW });
    expect(report.feeds.map((feed) => feed.title)).toEqual(['Test News', 'Test News — A']);
    expect(brief(report.findings)).toEqual([
      { rule: 'msn/language', feed: 'rss.xml', source: 'fr.md', severity: 'error' },
      { rule: 'msn/title-length', feed: 'rss.xml', source: 'short.md', severity: 'error' },
      { rule: 'msn/image-size', feed: 'rss.xml', source: 'small.md', severity: 'error' },
      {
        rule: 'msn/title-length',
        feed: 'categories/a/rss.xml',
        source: 'short.md',
        severity: 'error',
      },
    ]);
    expect(report.findings[1]).toEqual({
      severity: 'error',
      rule: 'msn/title-length',
      feed: 'rss.xml',
      source: 'short.md',
      item: 'Short',
      message: 'the title is 5 characters, at least 20 wanted — make it more descriptive',
    });
    expect(report.findings[2]?.message).toContain('images/small.png is 600×400 px');
  });

  it('passes a feed that keeps every rule', async () => {
    const dir = await built({ '': { items: [good] } });
    expect((await checkFeeds(dir, [msn], { now: NOW })).findings).toEqual([]);
  });

  it('asks the size rule of every document the profile reads, the others of the first only', async () => {
    const dir = await built({ '': { items: [good, { ...good, slug: 'short', title: 'Short' }] } });
    const tiny: Profile = {
      name: 'tiny',
      title: 'Tiny',
      formats: ['rss', 'atom'],
      rules: [
        {
          id: 'tiny/feed-size',
          severity: 'error',
          description: 'd',
          source: 's.',
          check: { kind: 'feed-size', maxBytes: 100 },
        },
        {
          id: 'tiny/title',
          severity: 'advice',
          description: 'd',
          source: 's.',
          check: { kind: 'title-length', max: 10 },
        },
      ],
    };
    const report = await checkFeeds(dir, [tiny], { now: NOW });
    expect(brief(report.findings)).toEqual([
      { rule: 'tiny/feed-size', feed: 'rss.xml', source: undefined, severity: 'error' },
      { rule: 'tiny/feed-size', feed: 'atom.xml', source: undefined, severity: 'error' },
      { rule: 'tiny/title', feed: 'rss.xml', source: 'good.md', severity: 'advice' },
    ]);
    const rssOnly = await checkFeeds(dir, [{ ...tiny, formats: ['rss'] }], { now: NOW });
    expect(rssOnly.findings.filter((f) => f.rule === 'tiny/feed-size').map((f) => f.feed)).toEqual([
      'rss.xml',
    ]);
  });

  it('checks several profiles, each in turn', async () => {
    const dir = await built({ '': { items: [{ ...good, slug: 'short', title: 'Short' }] } });
    const report = await checkFeeds(dir, [msn, flipboard], { now: NOW });
    expect(report.profiles.map((p) => p.name)).toEqual(['msn', 'flipboard']);
    expect(report.findings.map((f) => f.rule)).toEqual([
      'msn/title-length',
      'flipboard/item-count',
      'flipboard/description-length',
    ]);
  });

  it('throws a FeedwrightError when the folder holds no build', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'feedwright-check-'));
    dirs.push(dir);
    await expect(checkFeeds(dir, [msn], { display: 'dist' })).rejects.toBeInstanceOf(
      FeedwrightError,
    );
  });
});
