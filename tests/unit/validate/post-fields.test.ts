import { describe, expect, it } from 'vitest';
import { FieldReader } from '../../../src/field-reader.js';
import { shortHash } from '../../../src/hash.js';
import { fileNameOf } from '../../../src/validate/file-name.js';
import {
  POST_KEYS,
  placeBesidePost,
  readAliases,
  readAuthors,
  readCategories,
  readCorrections,
  readDates,
  readDraft,
  readExpires,
  readFeed,
  readId,
  readImage,
  readLink,
  readSlug,
  readSummary,
  readTags,
  readTitle,
} from '../../../src/validate/post-fields.js';

/** A reader over one post's front matter, as validation builds it. */
function reader(data: Record<string, unknown>) {
  return new FieldReader(data, 'posts/p.md', () => undefined);
}

/** What a reader gives for `data`, and the diagnostics reduced to what the user sees. */
function readWith<T>(data: Record<string, unknown>, read: (r: FieldReader) => T) {
  const r = reader(data);
  const value = read(r);
  return {
    value,
    diagnostics: r.diagnostics.map(({ severity, code, field, message, fix }) => ({
      severity,
      code,
      field,
      message,
      fix,
    })),
  };
}

/** The config's writers' profiles, as config validation gives them. */
const PROFILES = {
  jdoe: {
    key: 'jdoe',
    name: 'Jane Doe',
    email: 'jane@example.com',
    bio: 'Covers money.',
    image: 'https://news.example.com/img/jdoe.jpg',
  },
};

describe('POST_KEYS', () => {
  it('lists every key a post may have, aliases included', () => {
    expect([...POST_KEYS].sort()).toEqual(
      [
        'aliases',
        'author',
        'authors',
        'categories',
        'category',
        'corrections',
        'date',
        'description',
        'draft',
        'expires',
        'feed',
        'id',
        'image',
        'language',
        'link',
        'slug',
        'summary',
        'tags',
        'title',
        'translationKey',
        'updated',
      ].sort(),
    );
  });

  it('lists the newest keys last, in the order the unknown-key warning names them', () => {
    expect(POST_KEYS.slice(-4)).toEqual(['feed', 'expires', 'language', 'translationKey']);
  });
});

describe('readTitle', () => {
  it('collapses whitespace', () => {
    expect(readWith({ title: '  A\n  title ' }, readTitle)).toEqual({
      value: 'A title',
      diagnostics: [],
    });
  });

  it('refuses a missing title, with an example', () => {
    expect(readWith({}, readTitle)).toEqual({
      value: undefined,
      diagnostics: [
        {
          severity: 'error',
          code: 'missing',
          field: 'title',
          message: 'title is missing',
          fix: 'add title: "My first post"',
        },
      ],
    });
  });

  it('refuses a blank title and one that is not text', () => {
    expect(readWith({ title: ' \n ' }, readTitle).diagnostics).toEqual([
      expect.objectContaining({ code: 'empty', message: 'title is empty' }),
    ]);
    expect(readWith({ title: ['a'] }, readTitle).diagnostics).toEqual([
      expect.objectContaining({ code: 'not-text', message: 'title must be text, not a list' }),
    ]);
  });

  it('removes control characters XML cannot carry, with a warning', () => {
    expect(readWith({ title: 'A\u0001B' }, readTitle)).toEqual({
      value: 'AB',
      diagnostics: [
        {
          severity: 'warning',
          code: 'control-characters',
          field: 'title',
          message: '1 control character removed (XML cannot carry them)',
          fix: 'delete the invisible characters from the text',
        },
      ],
    });
  });
});

describe('readDates', () => {
  it('reads a zone-less date in the site zone, and an updated date', () => {
    expect(
      readWith({ date: '2026-05-01 09:30', updated: '2026-05-02' }, (r) =>
        readDates(r, 'America/Toronto'),
      ),
    ).toEqual({
      value: {
        date: new Date('2026-05-01T13:30:00Z'),
        updated: new Date('2026-05-02T04:00:00Z'),
      },
      diagnostics: [],
    });
  });

  it('keeps an explicit offset whatever the site zone', () => {
    expect(
      readWith({ date: '2026-05-01T09:30:00+02:00' }, (r) => readDates(r, 'UTC')).value,
    ).toEqual({ date: new Date('2026-05-01T07:30:00Z') });
  });

  it('accepts updated equal to date', () => {
    expect(
      readWith({ date: '2026-05-01', updated: '2026-05-01' }, (r) => readDates(r, 'UTC'))
        .diagnostics,
    ).toEqual([]);
  });

  it('refuses updated earlier than date', () => {
    expect(
      readWith({ date: '2026-05-01', updated: '2026-04-30' }, (r) => readDates(r, 'UTC'))
        .diagnostics,
    ).toEqual([
      {
        severity: 'error',
        code: 'updated-before-date',
        field: 'updated',
        message: 'updated is earlier than date',
        fix: 'a correction date must be on or after the publication date',
      },
    ]);
  });

  it('refuses a missing date, saying the time and offset are optional', () => {
    expect(readWith({}, (r) => readDates(r, 'UTC'))).toEqual({
      value: {},
      diagnostics: [
        {
          severity: 'error',
          code: 'missing',
          field: 'date',
          message: 'date is missing',
          fix: `add "date: 2026-05-01 09:30" (time optional; no offset means the site's time zone)`,
        },
      ],
    });
  });

  it('refuses an impossible date and a date that is not text', () => {
    expect(readWith({ date: '2026-02-30' }, (r) => readDates(r, 'UTC')).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'bad-date',
        field: 'date',
        message: '"2026-02-30" is not a real date (no day 30 in that month)',
        fix: 'write date: YYYY-MM-DD, optionally with HH:MM and an offset such as -04:00',
      },
    ]);
    expect(
      readWith({ date: '2026-05-01', updated: 5 }, (r) => readDates(r, 'UTC')).diagnostics,
    ).toEqual([
      {
        severity: 'error',
        code: 'bad-date',
        field: 'updated',
        message:
          'updated must be a date like 2026-05-01 or 2026-05-01T09:30:00-04:00, not the number 5',
        fix: 'write updated: 2026-05-01',
      },
    ]);
  });
});

describe('readSummary', () => {
  it('reads summary, collapsing whitespace', () => {
    expect(readWith({ summary: ' One\n line. ' }, readSummary)).toEqual({
      value: 'One line.',
      diagnostics: [],
    });
  });

  it('takes description as its other name', () => {
    expect(readWith({ description: 'From description' }, readSummary).value).toBe(
      'From description',
    );
  });

  it('prefers summary over description, with a warning', () => {
    expect(readWith({ summary: 'S', description: 'D' }, readSummary)).toEqual({
      value: 'S',
      diagnostics: [
        {
          severity: 'warning',
          code: 'duplicate-summary',
          field: 'description',
          message: 'both summary and description are set; description is ignored',
          fix: 'keep only summary',
        },
      ],
    });
  });

  it('is undefined when neither is set, and refuses one that is not text by its name', () => {
    expect(readWith({}, readSummary)).toEqual({ value: undefined, diagnostics: [] });
    expect(readWith({ description: 3 }, readSummary).diagnostics).toEqual([
      expect.objectContaining({ code: 'not-text', field: 'description' }),
    ]);
  });
});

describe('readCategories', () => {
  it('reads a list, trimming names and collapsing their whitespace', () => {
    expect(readWith({ categories: [' Big   News ', 'Sport'] }, readCategories)).toEqual({
      value: ['Big News', 'Sport'],
      diagnostics: [],
    });
  });

  it('takes category as its other name, and one name for a list of one', () => {
    expect(readWith({ category: 'Sport' }, readCategories).value).toEqual(['Sport']);
    expect(readWith({ categories: 'Sport' }, readCategories).value).toEqual(['Sport']);
  });

  it('drops empty names and duplicates in any case or Unicode form, keeping the first', () => {
    expect(
      readWith(
        { categories: ['Sport', 'sport', '', '  ', 'Économie', 'E\u0301conomie', 'SPORT'] },
        readCategories,
      ).value,
    ).toEqual(['Sport', 'Économie']);
  });

  it('prefers categories over category, with a warning', () => {
    expect(readWith({ categories: ['A'], category: 'B' }, readCategories)).toEqual({
      value: ['A'],
      diagnostics: [
        {
          severity: 'warning',
          code: 'duplicate-categories',
          field: 'category',
          message: 'both categories and category are set; category is ignored',
          fix: 'keep only categories',
        },
      ],
    });
  });

  it('refuses entries that are not text by their index, keeping the rest', () => {
    expect(readWith({ categories: [1, 'ok', { a: 1 }] }, readCategories)).toEqual({
      value: ['ok'],
      diagnostics: [
        {
          severity: 'error',
          code: 'not-text',
          field: 'categories[0]',
          message: 'categories[0] must be text, not the number 1',
          fix: 'quote it: "1"',
        },
        expect.objectContaining({
          code: 'not-text',
          field: 'categories[2]',
          message: 'categories[2] must be text, not a mapping',
        }),
      ],
    });
    expect(readWith({ category: true }, readCategories).diagnostics).toEqual([
      expect.objectContaining({ field: 'category', message: 'category must be text, not true' }),
    ]);
  });

  it('is empty when unset', () => {
    expect(readWith({}, readCategories)).toEqual({ value: [], diagnostics: [] });
  });
});

describe('readTags', () => {
  it('reads one tag or a list, without case duplicates', () => {
    expect(readWith({ tags: 'solo' }, readTags).value).toEqual(['solo']);
    expect(readWith({ tags: ['Go', 'go', 'Rust'] }, readTags).value).toEqual(['Go', 'Rust']);
    expect(readWith({}, readTags).value).toEqual([]);
  });

  it('refuses a tag that is not text', () => {
    expect(readWith({ tags: ['ok', 2] }, readTags)).toEqual({
      value: ['ok'],
      diagnostics: [expect.objectContaining({ code: 'not-text', field: 'tags[1]' })],
    });
  });
});

describe('readAuthors', () => {
  const read = (r: FieldReader) => readAuthors(r, PROFILES);

  it("names no one when neither key is set: the site's author is applied later", () => {
    expect(readWith({}, read)).toEqual({ value: [], diagnostics: [] });
    expect(readWith({ author: null }, read)).toEqual({ value: [], diagnostics: [] });
  });

  it('resolves the key of a profile to the profile, and keeps a plain name as written', () => {
    expect(readWith({ authors: ['jdoe', 'Ada'] }, read)).toEqual({
      value: [PROFILES.jdoe, { name: 'Ada' }],
      diagnostics: [],
    });
    expect(readWith({ author: ' jdoe ' }, read).value).toEqual([PROFILES.jdoe]);
    // A key is matched exactly; anything else is a name.
    expect(readWith({ author: 'JDoe' }, read).value).toEqual([{ name: 'JDoe' }]);
    expect(readWith({ author: 'constructor' }, read).value).toEqual([{ name: 'constructor' }]);
  });

  it('lists a byline once, a profile and its name counting as one', () => {
    expect(readWith({ authors: ['jdoe', 'Ada', 'jane doe', 'ADA'] }, read).value).toEqual([
      PROFILES.jdoe,
      { name: 'Ada' },
    ]);
  });

  it('reads one name under author', () => {
    expect(readWith({ author: '  Ada  Lovelace ' }, read).value).toEqual([
      { name: 'Ada Lovelace' },
    ]);
  });

  it('reads a list of people under authors, preferred over author', () => {
    expect(
      readWith(
        {
          authors: ['Ada', { name: 'Grace', email: 'grace@example.com', url: 'https://g.example' }],
          author: 'Ignored',
        },
        read,
      ),
    ).toEqual({
      value: [
        { name: 'Ada' },
        { name: 'Grace', email: 'grace@example.com', url: 'https://g.example/' },
      ],
      diagnostics: [],
    });
  });

  it('refuses bad entries by their index, with what to write', () => {
    const { diagnostics } = readWith(
      { authors: [5, { email: 'x@example.com' }, { name: 'B', email: 'nope', url: 'ftp://b' }] },
      read,
    );
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'not-person',
        field: 'authors[0]',
        message: 'authors[0] must be a name or {name, email, url}, not the number 5',
        fix: 'write authors[0]: "Ada Lovelace"',
      },
      {
        severity: 'error',
        code: 'missing',
        field: 'authors[1].name',
        message: 'authors[1].name is missing',
        fix: 'add name: Ada Lovelace',
      },
      expect.objectContaining({ code: 'bad-email', field: 'authors[2].email' }),
      expect.objectContaining({ code: 'not-url', field: 'authors[2].url' }),
    ]);
  });

  it('refuses an empty list and a blank name', () => {
    expect(readWith({ authors: [] }, read)).toEqual({
      value: undefined,
      diagnostics: [
        {
          severity: 'error',
          code: 'empty',
          field: 'authors',
          message: 'authors is empty',
          fix: 'write a name, e.g. authors: "Ada Lovelace"',
        },
      ],
    });
    expect(readWith({ author: '   ' }, read).diagnostics).toEqual([
      expect.objectContaining({ code: 'empty', field: 'author', message: 'author is empty' }),
    ]);
  });

  it('warns on a key a person does not have', () => {
    expect(readWith({ author: { name: 'Ada', twitter: '@ada' } }, read)).toEqual({
      value: [{ name: 'Ada' }],
      diagnostics: [
        {
          severity: 'warning',
          code: 'unknown-key',
          field: 'author.twitter',
          message: 'unknown key "twitter" ignored',
          fix: 'use name, email or url',
        },
      ],
    });
  });
});

describe('readSlug', () => {
  it('comes from the file name, made URL-safe, without a warning', () => {
    expect(readWith({}, (r) => readSlug(r, fileNameOf('news/2026/Hello World.md')))).toEqual({
      value: 'hello-world',
      diagnostics: [],
    });
  });

  it('takes a URL-safe slug as it is', () => {
    expect(readWith({ slug: 'my-post' }, (r) => readSlug(r, fileNameOf('x.md')))).toEqual({
      value: 'my-post',
      diagnostics: [],
    });
  });

  it('normalises a slug that is not URL-safe, with a warning saying what to write', () => {
    expect(
      readWith({ slug: 'Économie & Finance' }, (r) => readSlug(r, fileNameOf('x.md'))),
    ).toEqual({
      value: 'economie-and-finance',
      diagnostics: [
        {
          severity: 'warning',
          code: 'slug-normalized',
          field: 'slug',
          message: 'slug "Économie & Finance" is not URL-safe; "economie-and-finance" is used',
          fix: 'write slug: economie-and-finance',
        },
      ],
    });
  });

  it('cuts a URL-safe slug over 255 bytes, with a warning that it was cut', () => {
    const slug = 'b'.repeat(300);
    expect(readWith({ slug }, (r) => readSlug(r, fileNameOf('x.md')))).toEqual({
      value: `${'b'.repeat(246)}-${shortHash(slug)}`,
      diagnostics: [
        {
          severity: 'warning',
          code: 'slug-shortened',
          field: 'slug',
          message: `slug has 300 characters, more than the 255 bytes a file or folder name may have; it is cut to 255, ending in -${shortHash(slug)}`,
          fix: 'shorten it, or leave it: it is cut the same way on every build',
        },
      ],
    });
  });

  it('cuts a long slug from a file name silently: the file name is the writer’s choice', () => {
    const stem = 'щ'.repeat(126); // a 255-byte file name with .md
    expect(readWith({}, (r) => readSlug(r, fileNameOf(`${stem}.md`)))).toEqual({
      value: `${'sch'.repeat(82)}-${shortHash('sch'.repeat(126))}`,
      diagnostics: [],
    });
  });

  it('refuses a slug that gives nothing, naming slug', () => {
    expect(readWith({ slug: '!!!' }, (r) => readSlug(r, fileNameOf('x.md')))).toEqual({
      value: undefined,
      diagnostics: [
        {
          severity: 'error',
          code: 'bad-slug',
          field: 'slug',
          message: '"!!!" gives an empty slug',
          fix: 'use letters or digits, e.g. slug: my-post',
        },
      ],
    });
  });

  it('refuses a file name that gives nothing, naming the file name', () => {
    expect(readWith({}, (r) => readSlug(r, fileNameOf('drafts/¿¡.md'))).diagnostics).toEqual([
      expect.objectContaining({
        code: 'bad-slug',
        field: 'file name',
        message: '"¿¡" gives an empty slug',
      }),
    ]);
  });

  it('refuses a slug that is not text', () => {
    expect(readWith({ slug: 12 }, (r) => readSlug(r, fileNameOf('x.md')))).toEqual({
      value: undefined,
      diagnostics: [expect.objectContaining({ code: 'not-text', field: 'slug' })],
    });
  });
});

describe('readId', () => {
  it('is undefined when unset', () => {
    expect(readWith({}, readId)).toEqual({ value: undefined, diagnostics: [] });
  });

  it('keeps a tag URI, and normalises a URL', () => {
    expect(readWith({ id: 'tag:example.com,2026:my-post' }, readId).value).toBe(
      'tag:example.com,2026:my-post',
    );
    expect(readWith({ id: ' HTTPS://Example.COM/a ' }, readId).value).toBe('https://example.com/a');
  });

  it('refuses anything but an absolute URI, saying never to change it', () => {
    for (const id of ['posts/my-post', 'urn:has space', '12345']) {
      expect(readWith({ id }, readId)).toEqual({
        value: undefined,
        diagnostics: [
          {
            severity: 'error',
            code: 'bad-id',
            field: 'id',
            message: `id ${JSON.stringify(id)} is not an absolute URI`,
            fix: 'use a URL or a tag URI such as "tag:example.com,2026:my-post", and never change it',
          },
        ],
      });
    }
    expect(readWith({ id: 7 }, readId).diagnostics).toEqual([
      expect.objectContaining({ message: 'id 7 is not an absolute URI' }),
    ]);
  });

  it('keeps http(s) URLs, tag: URIs and urn: URIs', () => {
    for (const [id, kept] of [
      ['http://example.com/a', 'http://example.com/a'],
      ['https://example.com/a#b', 'https://example.com/a#b'],
      ['tag:example.com,2026-05-01:news/1', 'tag:example.com,2026-05-01:news/1'],
      [
        'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66',
        'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66',
      ],
      ['URN:ISBN:0451450523', 'urn:ISBN:0451450523'],
    ]) {
      expect(readWith({ id }, readId), id).toEqual({ value: kept, diagnostics: [] });
    }
  });

  it('refuses a URI of any other scheme: every feed carries the id, and readers open it', () => {
    for (const [id, scheme] of [
      ['javascript:alert(document.cookie)', 'javascript:'],
      ['JavaScript:alert(1)', 'javascript:'],
      ['data:text/html,<script>alert(1)</script>', 'data:'],
      ['vbscript:msgbox(1)', 'vbscript:'],
      ['file:///etc/passwd', 'file:'],
      ['mailto:desk@example.com', 'mailto:'],
      ['ftp://example.com/a', 'ftp:'],
    ]) {
      expect(readWith({ id }, readId), id).toEqual({
        value: undefined,
        diagnostics: [
          {
            severity: 'error',
            code: 'bad-id',
            field: 'id',
            message: `id ${JSON.stringify(id)} is a ${scheme} URI; ids must be http(s) URLs or tag: or urn: URIs (readers may open an id as a link)`,
            fix: 'use a URL or a tag URI such as "tag:example.com,2026:my-post", and never change it',
          },
        ],
      });
    }
  });
});

describe('readLink', () => {
  it('normalises an absolute URL, and is undefined when unset', () => {
    expect(readWith({ link: 'https://elsewhere.example' }, readLink).value).toBe(
      'https://elsewhere.example/',
    );
    expect(readWith({}, readLink)).toEqual({ value: undefined, diagnostics: [] });
  });

  it('refuses a relative or non-http link', () => {
    expect(readWith({ link: '/posts/x/' }, readLink).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'not-url',
        field: 'link',
        message: 'link "/posts/x/" is not an absolute http(s) URL',
        fix: 'use e.g. "https://example.com/article"',
      },
    ]);
    expect(readWith({ link: 'mailto:a@example.com' }, readLink).diagnostics).toEqual([
      expect.objectContaining({ code: 'not-url' }),
    ]);
  });
});

describe('readImage', () => {
  const site = { url: 'https://u.github.io/repo/' };
  const read = (r: FieldReader) => readImage(r, site);

  it('resolves a site path under a sub-path site URL', () => {
    expect(readWith({ image: '/img/a.png' }, read)).toEqual({
      value: { url: 'https://u.github.io/repo/img/a.png' },
      diagnostics: [],
    });
    expect(readWith({ image: ' img/a.png ' }, read).value).toEqual({
      url: 'https://u.github.io/repo/img/a.png',
    });
  });

  it('keeps an absolute http(s) URL', () => {
    expect(readWith({ image: 'https://cdn.example/a.png' }, read).value).toEqual({
      url: 'https://cdn.example/a.png',
    });
  });

  it('takes {src, alt, credit, caption}, collapsing the whitespace of the texts', () => {
    expect(
      readWith(
        {
          image: {
            src: '/img/a.png',
            alt: ' A  hill at dusk ',
            credit: 'Jane Doe / Agency',
            caption: 'The hill,\n  at dusk.',
          },
        },
        read,
      ),
    ).toEqual({
      value: {
        url: 'https://u.github.io/repo/img/a.png',
        alt: 'A hill at dusk',
        credit: 'Jane Doe / Agency',
        caption: 'The hill, at dusk.',
      },
      diagnostics: [],
    });
    expect(readWith({ image: { src: 'https://cdn.example/a.png' } }, read).value).toStrictEqual({
      url: 'https://cdn.example/a.png',
    });
  });

  it('warns on a key an image does not have, suggesting the one a typo meant', () => {
    expect(readWith({ image: { src: '/a.png', captoin: 'C', photographer: 'P' } }, read)).toEqual({
      value: { url: 'https://u.github.io/repo/a.png' },
      diagnostics: [
        {
          severity: 'warning',
          code: 'unknown-key',
          field: 'image.captoin',
          message: 'unknown key "captoin" ignored',
          fix: 'did you mean "caption"?',
        },
        {
          severity: 'warning',
          code: 'unknown-key',
          field: 'image.photographer',
          message: 'unknown key "photographer" ignored',
          fix: 'known keys: src, alt, credit, caption',
        },
      ],
    });
  });

  it('refuses an image without src, or with a bad src or text, naming the key inside it', () => {
    expect(readWith({ image: { alt: 'A' } }, read)).toEqual({
      value: undefined,
      diagnostics: [
        {
          severity: 'error',
          code: 'missing',
          field: 'image.src',
          message: 'image.src is missing',
          fix: 'add image.src: /images/photo.jpg',
        },
      ],
    });
    expect(readWith({ image: { src: 'javascript:alert(1)' } }, read).diagnostics).toEqual([
      expect.objectContaining({
        code: 'bad-image',
        field: 'image.src',
        message: 'image.src "javascript:alert(1)" is not a URL or site path',
      }),
    ]);
    expect(readWith({ image: { src: '/a.png', alt: 3 } }, read).diagnostics).toEqual([
      expect.objectContaining({ code: 'not-text', field: 'image.alt' }),
    ]);
  });

  it('refuses other schemes and URLs that do not parse', () => {
    for (const image of ['ftp://x.example/a.png', 'javascript:alert(1)', 'http://[bad']) {
      expect(readWith({ image }, read)).toEqual({
        value: undefined,
        diagnostics: [
          {
            severity: 'error',
            code: 'bad-image',
            field: 'image',
            message: `image "${image}" is not a URL or site path`,
            fix: 'use e.g. "/images/photo.jpg" or "https://…/photo.jpg"',
          },
        ],
      });
    }
  });

  it('is undefined when unset, and refuses an image that is not text', () => {
    expect(readWith({}, read)).toEqual({ value: undefined, diagnostics: [] });
    expect(readWith({ image: 5 }, read).diagnostics).toEqual([
      expect.objectContaining({ code: 'not-text', field: 'image' }),
    ]);
  });
});

describe('readCorrections', () => {
  const date = new Date('2026-05-01T00:00:00Z');
  const read = (r: FieldReader) => readCorrections(r, 'UTC', date);

  it('is an empty list when unset', () => {
    expect(readWith({}, read)).toEqual({ value: [], diagnostics: [] });
  });

  it('reads {date, text} in the site zone, oldest first, collapsing the text', () => {
    expect(
      readWith(
        {
          corrections: [
            { date: '2026-05-03', text: 'Second.' },
            { date: '2026-05-01', text: ' An earlier version\n  misstated the rate. ' },
          ],
        },
        (r) => readCorrections(r, 'America/Toronto', date),
      ),
    ).toEqual({
      value: [
        { date: new Date('2026-05-01T04:00:00Z'), text: 'An earlier version misstated the rate.' },
        { date: new Date('2026-05-03T04:00:00Z'), text: 'Second.' },
      ],
      diagnostics: [],
    });
  });

  it('refuses a correction dated before the post, by its index', () => {
    expect(
      readWith(
        {
          corrections: [
            { date: '2026-05-02', text: 'Kept.' },
            { date: '2026-04-30', text: 'Too early.' },
          ],
        },
        read,
      ),
    ).toEqual({
      value: [{ date: new Date('2026-05-02T00:00:00Z'), text: 'Kept.' }],
      diagnostics: [
        {
          severity: 'error',
          code: 'correction-before-date',
          field: 'corrections[1].date',
          message: 'corrections[1].date is earlier than date',
          fix: 'a correction is dated on or after the publication date',
        },
      ],
    });
  });

  it('refuses a value that is not a list, and entries without a date or text', () => {
    expect(readWith({ corrections: 'Fixed.' }, read)).toEqual({
      value: [],
      diagnostics: [expect.objectContaining({ code: 'bad-corrections', field: 'corrections' })],
    });
    expect(
      readWith({ corrections: ['Fixed.', { date: '2026-05-02' }, { text: 'T' }] }, read)
        .diagnostics,
    ).toEqual([
      expect.objectContaining({ code: 'bad-correction', field: 'corrections[0]' }),
      expect.objectContaining({ code: 'missing', field: 'corrections[1].text' }),
      expect.objectContaining({ code: 'missing', field: 'corrections[2].date' }),
    ]);
  });
});

describe('readFeed', () => {
  it('is full when unset, true or "full"', () => {
    expect(readWith({}, readFeed)).toEqual({ value: 'full', diagnostics: [] });
    expect(readWith({ feed: true }, readFeed).value).toBe('full');
    expect(readWith({ feed: 'full' }, readFeed).value).toBe('full');
  });

  it('is none for false or "none", and summary for "summary"', () => {
    expect(readWith({ feed: false }, readFeed)).toEqual({ value: 'none', diagnostics: [] });
    expect(readWith({ feed: 'none' }, readFeed).value).toBe('none');
    expect(readWith({ feed: 'summary' }, readFeed)).toEqual({ value: 'summary', diagnostics: [] });
  });

  it('refuses anything else, counting the post as full', () => {
    expect(readWith({ feed: 'excerpt' }, readFeed)).toEqual({
      value: 'full',
      diagnostics: [
        {
          severity: 'error',
          code: 'bad-feed',
          field: 'feed',
          message: 'feed must be true, false or "summary", not string',
          fix: 'write feed: false (in no feed) or feed: summary (feeds carry the summary)',
        },
      ],
    });
    expect(readWith({ feed: 1 }, readFeed).diagnostics).toEqual([
      expect.objectContaining({
        message: 'feed must be true, false or "summary", not the number 1',
      }),
    ]);
  });
});

describe('readExpires', () => {
  const date = new Date('2026-05-01T00:00:00Z');
  const read = (r: FieldReader) => readExpires(r, 'America/Toronto', date);

  it('is undefined when unset, and read in the site zone when set', () => {
    expect(readWith({}, read)).toEqual({ value: undefined, diagnostics: [] });
    expect(readWith({ expires: '2026-06-01 09:30' }, read)).toEqual({
      value: new Date('2026-06-01T13:30:00Z'),
      diagnostics: [],
    });
  });

  it('refuses an expiry on or before the date', () => {
    for (const expires of ['2026-04-01', '2026-04-30T20:00:00-04:00']) {
      expect(readWith({ expires }, read), expires).toEqual({
        value: undefined,
        diagnostics: [
          {
            severity: 'error',
            code: 'expires-before-date',
            field: 'expires',
            message: 'expires is not after date',
            fix: 'a story can only be withdrawn after it is published',
          },
        ],
      });
    }
  });

  it('refuses a value that is not a date', () => {
    expect(readWith({ expires: 5 }, read).diagnostics).toEqual([
      expect.objectContaining({ code: 'bad-date', field: 'expires' }),
    ]);
  });
});

describe('readAliases', () => {
  const site = { url: 'https://news.example.com/' };
  const read = (r: FieldReader) => readAliases(r, site);

  it('is an empty list when unset or null', () => {
    expect(readWith({}, read)).toEqual({ value: [], diagnostics: [] });
    expect(readWith({ aliases: null }, read)).toEqual({ value: [], diagnostics: [] });
  });

  it('takes site paths, with or without the leading slash, and full URLs under the site', () => {
    expect(
      readWith(
        {
          aliases: [
            '/2019/old-slug/',
            ' 2019/other/ ',
            'https://news.example.com/old.html',
            '/posts/no-extension',
          ],
        },
        read,
      ),
    ).toEqual({
      value: [
        { path: '/2019/old-slug/', page: '2019/old-slug/index.html' },
        { path: '/2019/other/', page: '2019/other/index.html' },
        { path: '/old.html', page: 'old.html' },
        { path: '/posts/no-extension', page: 'posts/no-extension.html' },
      ],
      diagnostics: [],
    });
  });

  it('takes one alias written as text instead of a list', () => {
    expect(readWith({ aliases: '/2019/old-slug/' }, read)).toEqual({
      value: [{ path: '/2019/old-slug/', page: '2019/old-slug/index.html' }],
      diagnostics: [],
    });
  });

  it('keeps the path from the site root under a sub-path site URL', () => {
    const sub = (r: FieldReader) => readAliases(r, { url: 'https://u.github.io/repo/' });
    expect(
      readWith({ aliases: ['/2019/old/', 'https://u.github.io/repo/a/b.html'] }, sub).value,
    ).toEqual([
      { path: '/2019/old/', page: '2019/old/index.html' },
      { path: '/a/b.html', page: 'a/b.html' },
    ]);
    expect(readWith({ aliases: ['https://u.github.io/other/'] }, sub).diagnostics).toEqual([
      expect.objectContaining({ code: 'bad-alias', field: 'aliases[0]' }),
    ]);
  });

  it('lists an address written twice once', () => {
    expect(
      readWith(
        { aliases: ['/2019/old/', '2019/old/', 'https://news.example.com/2019/old/'] },
        read,
      ),
    ).toEqual({ value: [{ path: '/2019/old/', page: '2019/old/index.html' }], diagnostics: [] });
  });

  it('refuses, by index, what no page can be written at, keeping the good ones', () => {
    const bad = [
      'https://elsewhere.example/2019/old/',
      '/',
      '',
      '/img/photo.png',
      'http://[bad',
      42,
    ];
    const { value, diagnostics } = readWith({ aliases: ['/kept/', ...bad] }, read);
    expect(value).toEqual([{ path: '/kept/', page: 'kept/index.html' }]);
    expect(diagnostics).toEqual(
      bad.map((entry, i) => ({
        severity: 'error',
        code: 'bad-alias',
        field: `aliases[${i + 1}]`,
        message: `aliases[${i + 1}] ${JSON.stringify(entry)} is not a path on this site that a page can be written at`,
        fix: 'use the old address as a site path, e.g. aliases: ["/2019/old-slug/"]',
      })),
    );
  });

  it('refuses an old address where feedwright writes its own pages, naming what is there', () => {
    const own = ['/index.html', '/categories/politics/', '/categories/', '/page/2/', '/archive/1/'];
    const { value, diagnostics } = readWith({ aliases: ['/kept/', ...own] }, read);
    expect(value).toEqual([{ path: '/kept/', page: 'kept/index.html' }]);
    expect(diagnostics.map((d) => [d.code, d.field, d.message])).toEqual([
      [
        'reserved-path',
        'aliases[1]',
        'aliases[1] "/index.html" is where feedwright writes the landing page (index.html)',
      ],
      [
        'reserved-path',
        'aliases[2]',
        'aliases[2] "/categories/politics/" is where feedwright writes the category pages and feeds (categories/politics/index.html)',
      ],
      [
        'reserved-path',
        'aliases[3]',
        'aliases[3] "/categories/" is where feedwright writes the category pages and feeds (categories/index.html)',
      ],
      [
        'reserved-path',
        'aliases[4]',
        'aliases[4] "/page/2/" is where feedwright writes a listing page (page/2/index.html)',
      ],
      [
        'reserved-path',
        'aliases[5]',
        'aliases[5] "/archive/1/" is where feedwright writes an archive of the feed (archive/1/index.html)',
      ],
    ]);
    expect(diagnostics[0]?.fix).toBe(
      'list only addresses this post had before; feedwright’s own pages cannot redirect',
    );
  });

  it('refuses an old address with a name no file system takes, saying why', () => {
    const long = `/2019/${'é'.repeat(128)}/`; // 256 bytes
    expect(readWith({ aliases: [long] }, read).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'name-too-long',
        field: 'aliases[0]',
        message: `aliases[0] ${JSON.stringify(long)} is not a path on this site that a page can be written at: a name in it has 256 bytes, and file systems allow 255`,
        fix: 'drop it: no server could have had a page at that address',
      },
    ]);
  });

  it('names the key itself when a single alias is refused', () => {
    expect(readWith({ aliases: true }, read)).toEqual({
      value: [],
      diagnostics: [
        {
          severity: 'error',
          code: 'bad-alias',
          field: 'aliases',
          message: 'aliases true is not a path on this site that a page can be written at',
          fix: 'use the old address as a site path, e.g. aliases: ["/2019/old-slug/"]',
        },
      ],
    });
  });
});

describe('readDraft', () => {
  it('is false when unset, and the value when true or false', () => {
    expect(readWith({}, readDraft).value).toBe(false);
    expect(readWith({ draft: null }, readDraft).value).toBe(false);
    expect(readWith({ draft: true }, readDraft).value).toBe(true);
    expect(readWith({ draft: false }, readDraft).value).toBe(false);
  });

  it('refuses anything else, and counts the post as not a draft', () => {
    expect(readWith({ draft: 'yes' }, readDraft)).toEqual({
      value: false,
      diagnostics: [
        expect.objectContaining({
          severity: 'error',
          code: 'bad-draft',
          field: 'draft',
          fix: 'write draft: true',
        }),
      ],
    });
    expect(readWith({ draft: 1 }, readDraft).diagnostics).toEqual([
      expect.objectContaining({ message: 'draft must be true or false, not the number 1' }),
    ]);
  });
});

describe('readFeed: only its own words', () => {
  it('refuses names of built-in object properties', () => {
    for (const word of ['toString', 'constructor', '__proto__']) {
      const r = new FieldReader({ feed: word }, 'p.md', () => undefined);
      expect(readFeed(r), word).toBe('full');
      expect(
        r.diagnostics.map((d) => d.code),
        word,
      ).toEqual(['bad-feed']);
    }
  });
});

describe('readImage and placeBesidePost: an image beside its post', () => {
  const post = {
    url: 'https://x.example/posts/story/',
    pagePath: 'posts/story/index.html',
    sourcePath: '2026/story/index.md',
  };
  const place = (
    data: Record<string, unknown>,
    at: { url: string; pagePath?: string | undefined; sourcePath: string } = post,
  ) =>
    readWith(data, (r) => {
      const image = readImage(r, { url: 'https://x.example/' });
      return image && placeBesidePost(r, image, at);
    });

  it('publishes ./photo.jpg beside the post’s page, from the file next to the post', () => {
    expect(place({ image: './hill photo.png' })).toEqual({
      value: {
        url: 'https://x.example/posts/story/hill%20photo.png',
        source: '2026/story/hill photo.png',
      },
      diagnostics: [],
    });
    expect(place({ image: { src: './img/a.jpg', credit: 'AP' } }).value).toEqual({
      url: 'https://x.example/posts/story/img/a.jpg',
      source: '2026/story/img/a.jpg',
      credit: 'AP',
    });
  });

  it('leaves a site path or URL as it is', () => {
    expect(place({ image: '/images/a.jpg' }).value).toEqual({
      url: 'https://x.example/images/a.jpg',
    });
  });

  it('refuses a path that leaves the post’s folder, and a post with no page here', () => {
    expect(place({ image: './../secret.png' }).diagnostics.map((d) => d.code)).toEqual([
      'bad-image',
    ]);
    expect(place({ image: './' }).diagnostics.map((d) => d.code)).toEqual(['bad-image']);
    const external = {
      url: 'https://elsewhere.example/a',
      pagePath: undefined,
      sourcePath: 'a.md',
    };
    expect(place({ image: { src: './a.png' } }, external).diagnostics).toMatchObject([
      { code: 'image-beside-external-post', field: 'image.src' },
    ]);
  });
});

describe('other tools’ names for the same keys', () => {
  const zone = 'America/Toronto';

  it('reads Hugo’s publishDate and lastmod, and jekyll-last-modified-at’s last_modified_at', () => {
    const hugo = readWith({ publishDate: '2025-01-29', lastmod: '2025-02-01 10:00' }, (r) =>
      readDates(r, zone),
    );
    expect(hugo.value).toEqual({
      date: new Date('2025-01-29T05:00:00Z'),
      updated: new Date('2025-02-01T15:00:00Z'),
    });
    expect(hugo.diagnostics).toEqual([]);
    const jekyll = readWith({ date: '2025-01-29', last_modified_at: '2025-01-30' }, (r) =>
      readDates(r, zone),
    );
    expect(jekyll.value.updated).toEqual(new Date('2025-01-30T05:00:00Z'));
  });

  it('takes the date a file name starts with when the front matter has none, and warns of two names', () => {
    expect(readWith({}, (r) => readDates(r, zone, '2025-01-29')).value).toEqual({
      date: new Date('2025-01-29T05:00:00Z'),
    });
    expect(readWith({ date: '2025-03-01' }, (r) => readDates(r, zone, '2025-01-29')).value).toEqual(
      {
        date: new Date('2025-03-01T05:00:00Z'),
      },
    );
    const bad = readWith({}, (r) => readDates(r, zone, '2025-02-30'));
    expect(bad.diagnostics).toMatchObject([{ code: 'bad-date', field: 'file name' }]);
    const both = readWith(
      { updated: '2025-02-01', lastmod: '2025-02-02', date: '2025-01-01' },
      (r) => readDates(r, zone),
    );
    expect(both.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'duplicate-key',
        field: 'lastmod',
        message: 'both updated and lastmod are set; lastmod is ignored',
        fix: 'keep only updated',
      },
    ]);
  });

  it('reads none of them in a post of feedwright’s own (no conventions): they stay unknown keys', () => {
    const own = (data: Record<string, unknown>, read: (r: FieldReader) => unknown) => {
      const r = reader(data);
      r.readsOtherNames = false;
      return read(r);
    };
    expect(own({ date: '2025-01-01', lastmod: '2025-02-01' }, (r) => readDates(r, zone))).toEqual({
      date: new Date('2025-01-01T05:00:00Z'),
    });
    expect(own({ excerpt: 'x', description: 'D' }, readSummary)).toBe('D');
    expect(own({ published: false }, readDraft)).toBe(false);
    expect(own({ taxonomies: { tags: ['a'] } }, readTags)).toEqual([]);
    expect(own({ category: 'News' }, readCategories)).toEqual(['News']);
  });

  it('names the key as written when its value is wrong', () => {
    const r = readWith({ date: '2025-01-02', lastmod: '2025-01-01' }, (reader) =>
      readDates(reader, zone),
    );
    expect(r.diagnostics).toMatchObject([
      { field: 'lastmod', code: 'updated-before-date', message: 'lastmod is earlier than date' },
    ]);
  });

  it('reads Jekyll’s excerpt as the summary, and Hugo’s expiryDate as expires', () => {
    expect(readWith({ excerpt: ' The  gist. ' }, readSummary).value).toBe('The gist.');
    const date = new Date('2025-01-01T00:00:00Z');
    expect(
      readWith({ expiryDate: '2026-01-01' }, (r) => readExpires(r, 'UTC', date)).value,
    ).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('reads Zola’s [taxonomies] tags and categories when the post has no top-level ones', () => {
    const data = { taxonomies: { tags: ['rust', 'Rust', 'wasm'], categories: 'Release' } };
    expect(readWith(data, readTags).value).toEqual(['rust', 'wasm']);
    expect(readWith(data, readCategories).value).toEqual(['Release']);
    expect(readWith({ ...data, tags: ['top'] }, readTags).value).toEqual(['top']);
    const bad = readWith({ taxonomies: { tags: [3] } }, readTags);
    expect(bad.diagnostics).toMatchObject([{ code: 'not-text', field: 'taxonomies.tags[0]' }]);
  });

  it('reads Jekyll’s published: false as a draft, and redirect_from as aliases', () => {
    expect(readWith({ published: false }, readDraft).value).toBe(true);
    expect(readWith({ published: true }, readDraft).value).toBe(false);
    expect(readWith({ published: 'no' }, readDraft).diagnostics).toMatchObject([
      { field: 'published', code: 'bad-draft', fix: 'write published: false' },
    ]);
    const config = { url: 'https://news.example.com/' };
    expect(
      readWith({ redirect_from: ['/2019/old/'] }, (r) => readAliases(r, config)).value,
    ).toEqual([{ path: '/2019/old/', page: '2019/old/index.html' }]);
  });

  it('names a page bundle by its folder, and drops a file name’s date from the slug when asked', () => {
    expect(
      readWith({}, (r) => readSlug(r, fileNameOf('trips/lisbon/index.md'), 'hugo')).value,
    ).toBe('lisbon');
    // A site of feedwright's own names a post by its file, as it always did.
    expect(readWith({}, (r) => readSlug(r, fileNameOf('trips/lisbon/index.md'))).value).toBe(
      'index',
    );
    expect(
      readWith({}, (r) => readSlug(r, fileNameOf('_posts/2025-01-29-hello.markdown'))).value,
    ).toBe('2025-01-29-hello');
    expect(
      readWith({}, (r) => readSlug(r, fileNameOf('_posts/2025-01-29-hello.markdown'), 'jekyll'))
        .value,
    ).toBe('hello');
  });
});

describe('Jekyll’s and Eleventy’s ways with categories and collections', () => {
  it('reads the folders above a Jekyll _posts folder as categories, first', () => {
    const r = readWith({ categories: 'release News' }, (reader) =>
      readCategories(reader, 'jekyll', 'news/_posts/2025-01-01-x.md'),
    );
    expect(r.value).toEqual(['news', 'release']);
    expect(
      readWith({}, (reader) => readCategories(reader, 'jekyll', 'a/b/_posts/x.md')).value,
    ).toEqual(['a', 'b']);
    // Without the conventions, a folder is only a folder, and a string one category.
    expect(
      readWith({ categories: 'release news' }, (reader) =>
        readCategories(reader, undefined, 'news/_posts/x.md'),
      ).value,
    ).toEqual(['release news']);
  });

  it('keeps an Eleventy page excluded from collections out of every feed', () => {
    expect(readWith({ eleventyExcludeFromCollections: true }, readFeed).value).toBe('none');
    expect(readWith({ eleventyExcludeFromCollections: true, feed: true }, readFeed).value).toBe(
      'full',
    );
  });
});

describe('readCategories for a Jekyll post', () => {
  it('takes category as written and categories split at spaces, both, as Jekyll does', () => {
    const r = readWith({ category: 'Release Notes', categories: 'jekyll update' }, (reader) =>
      readCategories(reader, 'jekyll', '_posts/x.md'),
    );
    expect(r.value).toEqual(['Release Notes', 'jekyll', 'update']);
    expect(r.diagnostics).toEqual([]);
  });
});
