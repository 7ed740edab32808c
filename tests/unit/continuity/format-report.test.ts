import { describe, expect, it } from 'vitest';
import type { ContinuityReport } from '../../../src/continuity/diff.js';
import {
  describeBroken,
  escapeMarkdown,
  formatReportJson,
  formatReportText,
  headline,
  postFile,
} from '../../../src/continuity/format-report.js';
import { SITE } from '../../helpers/continuity.js';

const summary = (n: number, u: number, r = 0, b = 0) => ({
  new: n,
  updated: u,
  removed: r,
  broken: b,
});

const REPORT: ContinuityReport = {
  summary: summary(2, 1, 1, 1),
  feeds: [
    {
      path: 'rss.xml',
      title: 'Test News',
      new: [
        {
          id: `${SITE}posts/d/`,
          url: `${SITE}posts/d/`,
          title: 'Rates *held* at 5%',
          source: 'd.md',
        },
        { id: `${SITE}posts/e/`, url: `${SITE}posts/e/`, title: 'E', source: '2026/e.md' },
      ],
      updated: [{ id: `${SITE}posts/b/`, url: `${SITE}posts/b/`, title: 'B', source: 'b.md' }],
      removed: [{ id: 'tag:x,2026:z', url: `${SITE}z.html`, title: 'Zed' }],
    },
    {
      path: 'categories/tech/rss.xml',
      title: 'Tech_Talk',
      new: [
        {
          id: `${SITE}posts/d/`,
          url: `${SITE}posts/d/`,
          title: 'Rates *held* at 5%',
          source: 'd.md',
        },
      ],
      updated: [],
      removed: [],
    },
  ],
  broken: [
    {
      source: 'c.md',
      field: 'date',
      old: '2026-03-03T15:00:00.000Z',
      new: '2026-03-09T15:00:00.000Z',
      fix: 'restore the date: `date: 2026-03-03T10:00:00-05:00`',
    },
  ],
};

describe('headline', () => {
  it.each([
    [summary(0, 0), 'Readers will see no change.'],
    [summary(1, 0), 'Readers will see 1 new story.'],
    [summary(2, 0), 'Readers will see 2 new stories.'],
    [summary(0, 1), 'Readers will see 1 update.'],
    [summary(0, 3), 'Readers will see 3 updates.'],
    [summary(2, 1), 'Readers will see 2 new stories and 1 update.'],
    [summary(1, 2), 'Readers will see 1 new story and 2 updates.'],
    [
      summary(0, 0, 1),
      'Readers will see no new stories or updates. 1 story is no longer published.',
    ],
    [summary(1, 0, 2), 'Readers will see 1 new story. 2 stories are no longer published.'],
    [
      summary(0, 0, 0, 1),
      'Readers will see no change. Continuity is broken: 1 problem to fix before publishing.',
    ],
    [
      summary(0, 1, 0, 2),
      'Readers will see 1 update. Continuity is broken: 2 problems to fix before publishing.',
    ],
  ])('%j → %s', (counts, text) => {
    expect(headline(counts)).toBe(text);
  });
});

describe('formatReportText', () => {
  it('is Markdown: the headline, a section per feed, then the continuity problems', () => {
    expect(formatReportText(REPORT, 'content')).toBe(
      [
        'Readers will see 2 new stories and 1 update. 1 story is no longer published. Continuity is broken: 1 problem to fix before publishing.',
        '',
        '## Test News (`rss.xml`)',
        '',
        '- new: Rates \\*held\\* at 5% (`content/d.md`)',
        '- new: E (`content/2026/e.md`)',
        '- updated: B (`content/b.md`)',
        `- removed: Zed (<${SITE}z.html>)`,
        '',
        '## Tech\\_Talk (`categories/tech/rss.xml`)',
        '',
        '- new: Rates \\*held\\* at 5% (`content/d.md`)',
        '',
        '## Broken continuity',
        '',
        '- `content/c.md` — date changed from `2026-03-03T15:00:00.000Z` to `2026-03-09T15:00:00.000Z`. Fix: restore the date: `date: 2026-03-03T10:00:00-05:00`',
        '',
      ].join('\n'),
    );
  });

  it('is the headline alone when nothing changed', () => {
    expect(formatReportText({ summary: summary(0, 0), feeds: [], broken: [] })).toBe(
      'Readers will see no change.\n',
    );
  });

  it('shows an item with no title by its link', () => {
    const report: ContinuityReport = {
      summary: summary(1, 0),
      feeds: [
        {
          path: 'rss.xml',
          title: 'T',
          new: [{ id: 'x', url: `${SITE}x/`, title: '', source: 'x.md' }],
          updated: [],
          removed: [],
        },
      ],
      broken: [],
    };
    expect(formatReportText(report)).toContain(`- new: ${SITE}x/ (\`posts/x.md\`)`);
  });
});

describe('formatReportText: withdrawn stories', () => {
  it('says a story past its `expires` was withdrawn, apart from one merely removed', () => {
    const gone = { id: 'a', url: `${SITE}a/`, title: 'Agency story', source: 'a.md' };
    const report: ContinuityReport = {
      summary: summary(0, 0, 2),
      feeds: [
        {
          path: 'rss.xml',
          title: 'T',
          new: [],
          updated: [],
          removed: [
            { ...gone, withdrawn: true },
            { ...gone, title: 'Deleted story' },
          ],
        },
      ],
      broken: [],
    };
    const text = formatReportText(report);
    expect(text).toContain('- withdrawn (expired): Agency story (`posts/a.md`)');
    expect(text).toContain('- removed: Deleted story (`posts/a.md`)');
  });
});

describe('formatReportJson', () => {
  it('is one JSON document, post files under the posts folder given', () => {
    const json = JSON.parse(formatReportJson(REPORT, 'content/'));
    expect(json.summary).toEqual({ new: 2, updated: 1, removed: 1, broken: 1 });
    expect(json.feeds.map((f: { path: string }) => f.path)).toEqual([
      'rss.xml',
      'categories/tech/rss.xml',
    ]);
    expect(json.feeds[0].new[1]).toEqual({
      id: `${SITE}posts/e/`,
      url: `${SITE}posts/e/`,
      title: 'E',
      source: 'content/2026/e.md',
    });
    expect(json.feeds[0].removed).toEqual([
      { id: 'tag:x,2026:z', url: `${SITE}z.html`, title: 'Zed' },
    ]);
    expect(json.broken).toEqual([{ ...REPORT.broken[0], source: 'content/c.md' }]);
  });
});

describe('describeBroken', () => {
  it('says what changed, or that the post is no longer published', () => {
    expect(describeBroken({ source: 'a.md', field: 'id', old: 'x', new: 'y', fix: '' })).toBe(
      'id changed from `x` to `y`',
    );
    expect(
      describeBroken({ source: 'a.md', field: 'published', old: 'x', new: null, fix: '' }),
    ).toBe('no longer published (id `x`)');
  });

  it('leaves the field name out where it is shown beside the text', () => {
    const entry = { source: 'a.md', field: 'date' as const, old: 'x', new: 'y', fix: '' };
    expect(describeBroken(entry, false)).toBe('changed from `x` to `y`');
  });
});

describe('postFile', () => {
  it('joins the posts folder as typed and the source', () => {
    expect(postFile('posts', 'a/b.md')).toBe('posts/a/b.md');
    expect(postFile('site/posts//', 'b.md')).toBe('site/posts/b.md');
    expect(postFile('.', 'b.md')).toBe('b.md');
  });
});

describe('escapeMarkdown', () => {
  it('escapes what could start markup, and nothing else', () => {
    expect(escapeMarkdown('a_b *c* [d](e) <f> `g` #1 | ~h~ & !i \\ 5% — ok')).toBe(
      'a\\_b \\*c\\* \\[d\\](e) \\<f\\> \\`g\\` \\#1 \\| \\~h\\~ \\& \\!i \\\\ 5% — ok',
    );
  });
});
