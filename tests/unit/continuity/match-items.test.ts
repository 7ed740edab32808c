import { describe, expect, it } from 'vitest';
import {
  FEED_KEYS,
  MANIFEST_KEYS,
  matchItems,
  sameUrlKey,
} from '../../../src/continuity/match-items.js';
import type { ContinuityItem } from '../../../src/continuity/snapshot.js';
import { manifestItem, SITE } from '../../helpers/continuity.js';

const item = (id: string, url: string, title: string): ContinuityItem => ({ id, url, title });

describe('matchItems', () => {
  it('by manifest keys: the same post file, then the same id, then the same link', () => {
    const slugChanged = manifestItem('b', { id: `${SITE}posts/bee/`, url: `${SITE}posts/bee/` });
    const renamed = manifestItem('c', { source: '2026/c.md' });
    const movedAndRepinned = manifestItem('d', { source: 'd2.md', id: 'tag:x,2026:d' });
    const before = [manifestItem('a'), manifestItem('b'), manifestItem('c'), manifestItem('d')];
    const now = [movedAndRepinned, renamed, slugChanged, manifestItem('e')];
    const matching = matchItems(before, now, MANIFEST_KEYS);
    expect(matching.pairs).toEqual([
      { previous: before[3], current: movedAndRepinned },
      { previous: before[2], current: renamed },
      { previous: before[1], current: slugChanged },
    ]);
    expect(matching.gone).toEqual([before[0]]);
    expect(matching.fresh).toEqual([now[3]]);
    expect(matching.previousOf.get(slugChanged)).toBe(before[1]);
  });

  it('by feed keys: the same id, then the same link however spelled, then the same title', () => {
    const before = [
      item('tag:a', `${SITE}2026/03/01/a.html`, 'A'),
      item('tag:b', 'HTTPS://NEWS.example.com/posts/b/', 'B'),
      item('tag:c', `${SITE}old/c/`, 'C'),
    ];
    const now = [
      item('tag:a', `${SITE}posts/a/`, 'A (corrected)'),
      item(`${SITE}posts/b/`, `${SITE}posts/b/`, 'B'),
      item(`${SITE}posts/c/`, `${SITE}posts/c/`, 'C'),
    ];
    const matching = matchItems(before, now, FEED_KEYS);
    expect(matching.pairs.map((p) => [p.previous.id, p.current.id])).toEqual([
      ['tag:a', 'tag:a'],
      ['tag:b', `${SITE}posts/b/`],
      ['tag:c', `${SITE}posts/c/`],
    ]);
    expect(matching.gone).toEqual([]);
    expect(matching.fresh).toEqual([]);
  });

  it('pairs nothing on a value more than one item has, on either side', () => {
    const before = [item('1', `${SITE}1`, 'Notes'), item('2', `${SITE}2`, 'Notes')];
    const now = [item('3', `${SITE}3`, 'Notes'), item('4', `${SITE}4`, 'Other')];
    expect(matchItems(before, now, FEED_KEYS).pairs).toEqual([]);
    const once = [item('1', `${SITE}1`, 'Notes')];
    const twice = [item('3', `${SITE}3`, 'Notes'), item('5', `${SITE}5`, 'Notes')];
    expect(matchItems(once, twice, FEED_KEYS).pairs).toEqual([]);
  });

  it('never pairs an item twice: one taken by id is not taken again by title', () => {
    const before = [item('x', `${SITE}x`, 'Same'), item('y', `${SITE}y`, 'Same title')];
    const now = [item('x', `${SITE}x2`, 'Same title')];
    const matching = matchItems(before, now, FEED_KEYS);
    expect(matching.pairs).toEqual([{ previous: before[0], current: now[0] }]);
    expect(matching.gone).toEqual([before[1]]);
  });

  it('does not match by an empty title', () => {
    const matching = matchItems([item('1', 'u1', '')], [item('2', 'u2', '')], FEED_KEYS);
    expect(matching.pairs).toEqual([]);
  });
});

describe('sameUrlKey', () => {
  it('spells an http(s) URL one way and leaves anything else as it is', () => {
    expect(sameUrlKey('HTTPS://News.Example.com:443/a b')).toBe('https://news.example.com/a%20b');
    expect(sameUrlKey('tag:x,2026:a')).toBe('tag:x,2026:a');
  });
});
