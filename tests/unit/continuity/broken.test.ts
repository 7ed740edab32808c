import { describe, expect, it } from 'vitest';
import { aliasPath, brokenContinuity } from '../../../src/continuity/broken.js';
import { FEED_KEYS, MANIFEST_KEYS, matchItems } from '../../../src/continuity/match-items.js';
import type { ContinuityItem } from '../../../src/continuity/snapshot.js';
import { manifestItem, SITE } from '../../helpers/continuity.js';

const site = { siteUrl: SITE, timeZone: 'America/Toronto' };

function broken(before: ContinuityItem[], now: ContinuityItem[], files: string[] = []) {
  const keys = before.some((item) => item.source) ? MANIFEST_KEYS : FEED_KEYS;
  return brokenContinuity(matchItems(before, now, keys), files, site);
}

describe('brokenContinuity', () => {
  it('finds nothing when every post keeps its id, link and date', () => {
    const before = [manifestItem('a'), manifestItem('b')];
    const now = [manifestItem('b', { hash: 'edited', title: 'B, corrected' }), manifestItem('a')];
    expect(broken(before, now)).toEqual([]);
  });

  it('a changed slug changes the id and the link: pin the id, alias the old path', () => {
    const now = manifestItem('b', { id: `${SITE}posts/bee/`, url: `${SITE}posts/bee/` });
    expect(broken([manifestItem('b')], [now])).toEqual([
      {
        source: 'b.md',
        field: 'id',
        old: `${SITE}posts/b/`,
        new: `${SITE}posts/bee/`,
        fix: `pin the old id: add \`id: "${SITE}posts/b/"\` to its front matter`,
      },
      {
        source: 'b.md',
        field: 'link',
        old: `${SITE}posts/b/`,
        new: `${SITE}posts/bee/`,
        fix: 'keep the old address answering: add "/posts/b/" to its `aliases:` (`aliases: ["/posts/b/"]`)',
      },
    ]);
  });

  it('holds when the old id is pinned and the old path is an alias, however it is written', () => {
    for (const alias of ['/posts/b/', 'posts/b/', `${SITE}posts/b/`]) {
      const now = manifestItem('b', { url: `${SITE}posts/bee/`, aliases: ['/elsewhere/', alias] });
      expect(broken([manifestItem('b')], [now]), alias).toEqual([]);
    }
  });

  it('an alias mends the link but not a changed id', () => {
    const now = manifestItem('b', {
      id: `${SITE}posts/bee/`,
      url: `${SITE}posts/bee/`,
      aliases: ['/posts/b/'],
    });
    expect(broken([manifestItem('b')], [now]).map((entry) => entry.field)).toEqual(['id']);
  });

  it('a changed date: restore it, written in the site time zone', () => {
    const now = manifestItem('a', { published: '2026-03-05T20:30:00.000Z' });
    expect(broken([manifestItem('a')], [now])).toEqual([
      {
        source: 'a.md',
        field: 'date',
        old: '2026-03-01T15:00:00.000Z',
        new: '2026-03-05T20:30:00.000Z',
        fix: 'restore the date: `date: 2026-03-01T10:00:00-05:00`',
      },
    ]);
  });

  it('the same instant written with another offset is the same date', () => {
    const seen = { id: 'x', url: `${SITE}x/`, title: 'X', published: '2026-03-01T10:00:00-05:00' };
    const now = { ...seen, published: '2026-03-01T15:00:00.000Z', source: 'x.md' };
    expect(broken([seen], [now])).toEqual([]);
  });

  it('an item gone while its post file is still there: publish it again', () => {
    const before = [manifestItem('a'), manifestItem('b'), manifestItem('c')];
    expect(broken(before, [manifestItem('a')], ['a.md', 'b.md'])).toEqual([
      {
        source: 'b.md',
        field: 'published',
        old: `${SITE}posts/b/`,
        new: null,
        fix: 'publish it again: remove `draft: true` and restore `date: 2026-03-02T10:00:00-05:00` if it was moved to the future — or delete the file if the story is withdrawn',
      },
    ]);
  });

  it('an old link that is not a page on this site cannot be aliased', () => {
    const before = [
      { id: 'p42', url: 'https://old.example.org/2026/03/01/a/', title: 'A' },
      { id: 'p43', url: `${SITE}?p=43`, title: 'B' },
    ];
    const now = [
      { ...manifestItem('a'), id: 'p42', title: 'A' },
      { ...manifestItem('b'), id: 'p43', title: 'B' },
    ];
    const fix = `restore the old address (\`slug:\`, \`link:\` or the permalink pattern): it is not a page under ${SITE}, so \`aliases:\` cannot redirect it`;
    expect(broken(before, now)).toEqual([
      { source: 'a.md', field: 'link', old: before[0]?.url, new: now[0]?.url, fix },
      { source: 'b.md', field: 'link', old: before[1]?.url, new: now[1]?.url, fix },
    ]);
  });

  it('lists problems by post file, then id, link, date, published', () => {
    const before = [manifestItem('z'), manifestItem('m'), manifestItem('a')];
    const now = [
      manifestItem('z', { id: 'tag:z', published: '2026-01-01T00:00:00.000Z' }),
      manifestItem('a', { url: `${SITE}a/` }),
    ];
    expect(broken(before, now, ['m.md']).map((e) => `${e.source} ${e.field}`)).toEqual([
      'a.md link',
      'm.md published',
      'z.md id',
      'z.md date',
    ]);
  });
});

describe('aliasPath', () => {
  it('is the path below the site URL, with a leading /', () => {
    expect(aliasPath(`${SITE}2026/03/01/a.html`, SITE)).toBe('/2026/03/01/a.html');
    expect(aliasPath('https://NEWS.example.com/posts/b/', SITE)).toBe('/posts/b/');
    expect(aliasPath('https://me.github.io/news/posts/x/', 'https://me.github.io/news/')).toBe(
      '/posts/x/',
    );
  });

  it('is undefined where no redirect page can be written', () => {
    expect(aliasPath('https://elsewhere.example/posts/b/', SITE)).toBeUndefined();
    expect(aliasPath(SITE, SITE)).toBeUndefined();
    expect(aliasPath(`${SITE}?p=4`, SITE)).toBeUndefined();
    expect(aliasPath(`${SITE}feed.xml`, SITE)).toBeUndefined();
    expect(
      aliasPath('https://me.github.io/other/x/', 'https://me.github.io/news/'),
    ).toBeUndefined();
  });
});
