import { describe, expect, it } from 'vitest';
import {
  PROFILE_NAMES,
  PROFILES,
  parseProfileList,
  profileNamed,
  type Rule,
} from '../../../src/check/profiles.js';

const limits = (name: string, id: string): Rule['check'] | undefined =>
  PROFILES[name]?.rules.find((rule) => rule.id === `${name}/${id}`)?.check;

describe('the profiles', () => {
  it('are google-news, msn and flipboard', () => {
    expect(PROFILE_NAMES).toEqual(['google-news', 'msn', 'flipboard']);
  });

  it('give every rule a unique id under its profile, a severity, a description and a source', () => {
    const ids = new Set<string>();
    for (const [name, profile] of Object.entries(PROFILES)) {
      expect(profile.name).toBe(name);
      expect(profile.rules.length).toBeGreaterThan(5);
      for (const rule of profile.rules) {
        expect(rule.id).toMatch(new RegExp(`^${name}/[a-z-]+$`));
        expect(ids.has(rule.id)).toBe(false);
        ids.add(rule.id);
        expect(['error', 'advice']).toContain(rule.severity);
        expect(rule.description.length).toBeGreaterThan(5);
        expect(rule.source).toMatch(/\."?$/);
      }
    }
  });

  it('read the formats each aggregator takes', () => {
    expect(PROFILES['google-news']?.formats).toEqual(['rss', 'atom']);
    expect(PROFILES.msn?.formats).toEqual(['rss', 'atom']);
    expect(PROFILES.flipboard?.formats).toEqual(['rss']);
  });

  it('carry the documented limits', () => {
    expect(limits('google-news', 'feed-size')).toEqual({ kind: 'feed-size', maxBytes: 2_000_000 });
    expect(limits('google-news', 'article-size')).toEqual({
      kind: 'article-size',
      maxBytes: 1_000_000,
    });
    expect(limits('google-news', 'item-count')).toEqual({ kind: 'item-count', max: 60 });
    expect(limits('google-news', 'image-size')).toMatchObject({ minPx: 800, side: 'shortest' });
    expect(limits('msn', 'title-length')).toEqual({ kind: 'title-length', min: 20, max: 150 });
    expect(limits('msn', 'image-size')).toMatchObject({ minPx: 720, side: 'longest' });
    expect(limits('msn', 'item-age')).toEqual({ kind: 'item-age', maxDays: 365 });
    expect(limits('flipboard', 'item-count')).toEqual({ kind: 'item-count', min: 20 });
    expect(limits('flipboard', 'description-length')).toEqual({
      kind: 'description-length',
      min: 300,
    });
    expect(limits('flipboard', 'image-size')).toMatchObject({ minPx: 400, side: 'shortest' });
    expect(limits('flipboard', 'enclosure-size')).toMatchObject({
      from: ['enclosure'],
      minPx: 500,
    });
  });

  it('mark what keeps a feed or story out as an error, and recommendations as advice', () => {
    const severity = (id: string) =>
      Object.values(PROFILES)
        .flatMap((p) => p.rules)
        .find((rule) => rule.id === id)?.severity;
    expect(severity('google-news/feed-size')).toBe('error');
    expect(severity('google-news/image-size')).toBe('advice');
    expect(severity('msn/https')).toBe('error');
    expect(severity('msn/image')).toBe('error');
    expect(severity('msn/image-credit')).toBe('advice');
    expect(severity('flipboard/image')).toBe('error');
    expect(severity('flipboard/description-length')).toBe('advice');
    for (const profile of Object.values(PROFILES)) {
      expect(severity(`${profile.name}/image-remote`)).toBe('advice');
      expect(severity(`${profile.name}/absolute-urls`)).toBe('error');
    }
  });
});

describe('profileNamed', () => {
  it('finds a profile by name, and nothing for other names', () => {
    expect(profileNamed('msn')?.title).toBe('MSN Partner Hub');
    expect(profileNamed('apple-news')).toBeUndefined();
    expect(profileNamed('toString')).toBeUndefined();
  });
});

describe('parseProfileList', () => {
  it('reads a comma list, each profile once, in the order given', () => {
    const parsed = parseProfileList('msn, Google-News,msn');
    expect(parsed.ok && parsed.profiles.map((p) => p.name)).toEqual(['msn', 'google-news']);
  });

  it('names every unknown profile', () => {
    expect(parseProfileList('msn,apple,yahoo')).toEqual({ ok: false, unknown: ['apple', 'yahoo'] });
  });

  it('refuses an empty list', () => {
    expect(parseProfileList(' , ')).toEqual({ ok: false, unknown: [] });
  });
});
