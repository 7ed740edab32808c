import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../src/check/check-feeds.js';
import { formatCheckJson, formatCheckText, tally } from '../../../src/check/format-report.js';
import { PROFILES, type Profile } from '../../../src/check/profiles.js';

const msn = PROFILES.msn as Profile;
const flipboard = PROFILES.flipboard as Profile;

const report: CheckReport = {
  profiles: [msn, flipboard],
  feeds: [
    { title: 'Test News', paths: { rss: 'rss.xml', atom: 'atom.xml' } },
    { title: 'Test News — Politics', paths: { rss: 'categories/politics/rss.xml' } },
  ],
  findings: [
    {
      severity: 'error',
      rule: 'msn/title-length',
      feed: 'rss.xml',
      source: '2026/short.md',
      item: 'Short',
      message: 'the title is 5 characters, at least 20 wanted — make it more descriptive',
    },
    {
      severity: 'advice',
      rule: 'msn/image-credit',
      feed: 'categories/politics/rss.xml',
      source: 'b.md',
      item: `A very long title ${'that goes on '.repeat(8)}`,
      message: 'no credit — add one',
    },
  ],
};

describe('tally', () => {
  it('counts errors and advice', () => {
    expect(tally(report.findings)).toEqual({ errors: 1, advice: 1 });
    expect(tally([])).toEqual({ errors: 0, advice: 0 });
  });
});

describe('formatCheckText', () => {
  it('groups by profile and feed, one aligned line per finding, then a verdict', () => {
    expect(formatCheckText(report)).toBe(
      [
        'msn — MSN Partner Hub: 10 rules, 2 feeds read as RSS and Atom',
        '',
        'rss.xml (Test News)',
        'error   msn/title-length  posts/2026/short.md  "Short": the title is 5 characters, at least 20 wanted — make it more descriptive',
        '',
        'categories/politics/rss.xml (Test News — Politics)',
        'advice  msn/image-credit  posts/b.md  "A very long title that goes on that goes on that goes on…": no credit — add one',
        '',
        'msn: 1 error, 1 advice in 2 feeds (errors keep MSN Partner Hub from taking a feed or a story).',
        '',
        'flipboard — Flipboard: 9 rules, 2 feeds read as RSS',
        '',
        'flipboard: every rule kept in 2 feeds.',
        '',
      ].join('\n'),
    );
  });

  it('keeps a feed’s formats together, and shows a finding about a document at the document', () => {
    const text = formatCheckText({
      profiles: [msn],
      feeds: report.feeds,
      findings: [
        { severity: 'error', rule: 'msn/https', feed: 'atom.xml', message: 'atom over http' },
        { severity: 'error', rule: 'msn/https', feed: 'rss.xml', message: 'rss over http' },
        { severity: 'error', rule: 'msn/https', feed: 'other/rss.xml', message: 'unlisted' },
      ],
    });
    expect(text).toContain(
      [
        'rss.xml (Test News)',
        'error   msn/https  atom.xml  atom over http',
        'error   msn/https  rss.xml  rss over http',
        '',
        'other/rss.xml',
        'error   msn/https  other/rss.xml  unlisted',
      ].join('\n'),
    );
  });

  it('shows a finding about a whole feed at the feed, and advice alone as such', () => {
    const text = formatCheckText(
      {
        profiles: [flipboard],
        feeds: [{ title: 'T', paths: { rss: 'rss.xml' } }],
        findings: [
          { severity: 'advice', rule: 'flipboard/item-count', feed: 'rss.xml', message: 'few' },
        ],
      },
      'content',
    );
    expect(text).toContain('\nadvice  flipboard/item-count  rss.xml  few\n');
    expect(text).toContain(
      'flipboard: 0 errors, 1 advice in 1 feed (advice only: the feeds are taken, but shown worse than they could be).',
    );
  });
});

describe('formatCheckJson', () => {
  it('is one document: the profiles with their rules, a tally, every finding', () => {
    const json = JSON.parse(formatCheckJson(report, 'content'));
    expect(json.summary).toEqual({ errors: 1, advice: 1, feeds: 2 });
    expect(json.profiles.map((p: { name: string }) => p.name)).toEqual(['msn', 'flipboard']);
    expect(json.profiles[0].rules[0]).toEqual({
      id: 'msn/https',
      severity: 'error',
      description: msn.rules[0]?.description,
      source: msn.rules[0]?.source,
    });
    expect(json.findings[0]).toEqual({ ...report.findings[0], source: 'content/2026/short.md' });
  });
});
