import { describe, expect, it } from 'vitest';
import {
  CONFIG_DEFAULTS,
  CONFIG_FIELDS,
  type ConfigDraft,
} from '../../../src/config/config-fields.js';
import { BUILT_IN_TEXT } from '../../../src/config/page-text.js';
import type { UserConfig } from '../../../src/config/validate-config.js';
import { FieldReader, type Location } from '../../../src/field-reader.js';

const FILE = 'feedwright.config.json';
const readers = new Map(CONFIG_FIELDS);

/** Runs the reader of `key` on `data`, starting from `draft`: what it set and what it said. */
function read(
  key: string,
  data: Record<string, unknown>,
  draft: ConfigDraft = {},
  locate: (key: string) => Location | undefined = () => undefined,
) {
  const reader = readers.get(key);
  if (!reader) throw new Error(`no reader for ${key}`);
  const r = new FieldReader(data, FILE, locate);
  reader(r, draft);
  return { draft, diagnostics: r.diagnostics };
}

/** The one diagnostic a refusal gives, reduced to what the user sees. */
function refusal(key: string, data: Record<string, unknown>, draft: ConfigDraft = {}) {
  const { diagnostics } = read(key, data, draft);
  expect(diagnostics).toHaveLength(1);
  const [d] = diagnostics;
  return (
    d && { severity: d.severity, code: d.code, field: d.field, message: d.message, fix: d.fix }
  );
}

describe('CONFIG_FIELDS', () => {
  it('has a reader for every key of UserConfig, plus $schema, and nothing else', () => {
    // `satisfies` fails to compile when UserConfig gains or loses a key this list does not.
    const userKeys = {
      title: true,
      description: true,
      url: true,
      language: true,
      timezone: true,
      author: true,
      copyright: true,
      limit: true,
      archiveSize: true,
      archiveContent: true,
      icon: true,
      logo: true,
      permalink: true,
      html: true,
      hubs: true,
      authors: true,
      tagFeeds: true,
      maxFeedBytes: true,
      languages: true,
      text: true,
      conventions: true,
    } satisfies Record<keyof UserConfig, true>;
    const keys = CONFIG_FIELDS.map(([key]) => key);
    expect([...keys].sort()).toEqual([...Object.keys(userKeys), '$schema'].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads url before icon and logo, which are resolved against it', () => {
    const keys = CONFIG_FIELDS.map(([key]) => key);
    expect(keys.indexOf('url')).toBeLessThan(keys.indexOf('icon'));
    expect(keys.indexOf('url')).toBeLessThan(keys.indexOf('logo'));
  });
});

describe('CONFIG_DEFAULTS', () => {
  it('are the values of the optional keys left unset', () => {
    expect(CONFIG_DEFAULTS).toEqual({
      language: 'en',
      timezone: 'UTC',
      limit: 50,
      archiveSize: 100,
      archiveContent: 'summary',
      permalink: '/posts/:slug/',
      html: 'sanitize',
      tagFeeds: true,
    });
  });

  it('survive every reader when the optional keys are absent', () => {
    const draft: ConfigDraft = { ...CONFIG_DEFAULTS };
    const r = new FieldReader(
      { title: 'T', description: 'D', url: 'https://x.example/', author: 'Desk' },
      FILE,
      () => undefined,
    );
    for (const [, reader] of CONFIG_FIELDS) reader(r, draft);
    expect(r.diagnostics).toEqual([]);
    expect(draft).toEqual({
      ...CONFIG_DEFAULTS,
      title: 'T',
      description: 'D',
      url: 'https://x.example/',
      author: { name: 'Desk' },
      hubs: [],
      authors: {},
      languages: [{ tag: 'en', folder: '', title: 'T', description: 'D', text: BUILT_IN_TEXT.en }],
    });
  });
});

describe('title and description readers', () => {
  it('collapse runs of whitespace', () => {
    expect(read('title', { title: '  Daily \n  News ' }).draft.title).toBe('Daily News');
    expect(read('description', { description: 'A\tB' }).draft.description).toBe('A B');
  });

  it('refuse a missing or blank title, saying what to add', () => {
    expect(refusal('title', {})).toEqual({
      severity: 'error',
      code: 'missing',
      field: 'title',
      message: 'title is missing',
      fix: 'add "title": "My News"',
    });
    expect(refusal('title', { title: '   ' })).toMatchObject({
      code: 'empty',
      message: 'title is empty',
      fix: 'write it, e.g. "title": "My News"',
    });
  });

  it('refuse a description that is not text', () => {
    expect(refusal('description', { description: 3 })).toMatchObject({
      code: 'not-text',
      field: 'description',
      message: 'description must be text, not the number 3',
    });
  });
});

describe('url reader', () => {
  it('adds the trailing slash, to a root and to a sub-path', () => {
    expect(read('url', { url: 'https://x.example' }).draft.url).toBe('https://x.example/');
    expect(read('url', { url: 'https://u.github.io/repo' }).draft.url).toBe(
      'https://u.github.io/repo/',
    );
    expect(read('url', { url: ' https://u.github.io/repo/ ' }).draft.url).toBe(
      'https://u.github.io/repo/',
    );
  });

  it('refuses a missing url, saying what it is for', () => {
    expect(refusal('url', {})).toEqual({
      severity: 'error',
      code: 'missing',
      field: 'url',
      message: 'url is missing',
      fix: 'add "url": "https://example.com/", where the feeds will be served',
    });
    expect(refusal('url', { url: null })).toMatchObject({ code: 'missing' });
  });

  it('refuses a url that is not absolute http(s)', () => {
    expect(refusal('url', { url: 'ftp://x.example/' })).toEqual({
      severity: 'error',
      code: 'not-url',
      field: 'url',
      message: 'url "ftp://x.example/" is not an absolute http(s) URL',
      fix: 'use e.g. "https://example.com/"',
    });
    expect(refusal('url', { url: '/news/' })).toMatchObject({ code: 'not-url' });
    expect(refusal('url', { url: 42 })).toMatchObject({
      code: 'not-url',
      message: 'url must be an absolute URL',
    });
  });

  it('refuses a url with a query or a fragment', () => {
    for (const url of ['https://x.example/?page=/', 'https://x.example/#/']) {
      expect(refusal('url', { url })).toEqual({
        severity: 'error',
        code: 'bad-url',
        field: 'url',
        message: 'url must not have a query or fragment',
        fix: 'use the site root, e.g. "https://example.com/"',
      });
      expect(read('url', { url }).draft.url).toBeUndefined();
    }
  });

  it('refuses a query or fragment before the trailing slash, instead of doubling the slash', () => {
    for (const url of [
      'https://x.example/news?x=1',
      'https://x.example/news/?x=1',
      'https://x.example/news#a',
    ]) {
      expect(read('url', { url }), url).toMatchObject({
        draft: {},
        diagnostics: [{ code: 'bad-url', message: 'url must not have a query or fragment' }],
      });
    }
  });

  it('refuses a user name or password, and a file instead of a folder', () => {
    expect(refusal('url', { url: 'https://ada:pw@x.example/' })).toEqual({
      severity: 'error',
      code: 'bad-url',
      field: 'url',
      message: 'url holds a user name or password, which every page and feed would show',
      fix: 'remove the "user:password@" part',
    });
    expect(refusal('url', { url: 'https://x.example/news/index.html' })).toMatchObject({
      code: 'bad-url',
      fix: 'use "https://x.example/news/"',
    });
  });
});

describe('language reader', () => {
  it('canonicalises the tag', () => {
    expect(read('language', { language: 'EN-ca' }).draft.language).toBe('en-CA');
    expect(read('language', { language: 'fr' }).draft.language).toBe('fr');
  });

  it('leaves the draft alone when the key is absent', () => {
    expect(read('language', {}, { language: 'en' })).toEqual({
      draft: { language: 'en' },
      diagnostics: [],
    });
  });

  it('refuses a tag that is not BCP 47, or not text', () => {
    expect(refusal('language', { language: 'not a tag' })).toEqual({
      severity: 'error',
      code: 'bad-language',
      field: 'language',
      message: 'language "not a tag" is not a BCP 47 language tag',
      fix: 'use e.g. "en", "en-CA" or "fr"',
    });
    expect(refusal('language', { language: 5 })).toMatchObject({
      code: 'bad-language',
      message: 'language 5 is not a BCP 47 language tag',
    });
  });
});

describe('timezone reader', () => {
  it('resolves the zone to its canonical IANA name', () => {
    expect(read('timezone', { timezone: 'america/toronto' }).draft.timezone).toBe(
      'America/Toronto',
    );
    expect(read('timezone', { timezone: 'utc' }).draft.timezone).toBe('UTC');
    expect(read('timezone', { timezone: 'US/Eastern' }).draft.timezone).toBe('America/New_York');
  });

  it('reads every zone Intl lists as a formatter resolves it (the quick check agrees)', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const resolved = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
      expect(read('timezone', { timezone: zone }).draft.timezone).toBe(resolved);
    }
  });

  it('refuses an unknown zone, or one that is not text', () => {
    expect(refusal('timezone', { timezone: 'Mars/Olympus' })).toEqual({
      severity: 'error',
      code: 'bad-timezone',
      field: 'timezone',
      message: 'timezone "Mars/Olympus" is not a known IANA time zone',
      fix: 'use e.g. "America/Toronto" or "UTC"',
    });
    expect(refusal('timezone', { timezone: ['UTC'] })).toMatchObject({ code: 'bad-timezone' });
  });
});

describe('author reader', () => {
  it('takes a name, or a person with email and url', () => {
    expect(read('author', { author: '  Desk ' }).draft.author).toEqual({ name: 'Desk' });
    expect(
      read('author', {
        author: { name: 'Desk', email: 'desk@example.com', url: 'https://x.example/desk' },
      }).draft.author,
    ).toEqual({ name: 'Desk', email: 'desk@example.com', url: 'https://x.example/desk' });
  });

  it('refuses a missing author, with an example', () => {
    expect(refusal('author', {})).toEqual({
      severity: 'error',
      code: 'missing',
      field: 'author',
      message: 'author is missing',
      fix: 'add "author": {"name": "Newsroom", "email": "news@example.com"}',
    });
  });

  it('refuses a bad email, located at the author key', () => {
    const { diagnostics } = read(
      'author',
      { author: { name: 'Desk', email: 'desk' } },
      {},
      (key) => (key === 'author' ? { line: 5, column: 13 } : undefined),
    );
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'bad-email',
        file: FILE,
        line: 5,
        column: 13,
        field: 'author.email',
        message: 'author.email is not an email address',
        fix: 'use e.g. "ada@example.com"',
      },
    ]);
  });
});

describe('limit reader', () => {
  it('takes a whole number of at least 1', () => {
    expect(read('limit', { limit: 1 }).draft.limit).toBe(1);
    expect(read('limit', { limit: 200 }).draft.limit).toBe(200);
  });

  it('refuses zero, fractions, negatives and text', () => {
    expect(refusal('limit', { limit: 0 })).toEqual({
      severity: 'error',
      code: 'bad-limit',
      field: 'limit',
      message: 'limit must be a whole number of at least 1, not 0',
      fix: 'use e.g. "limit": 50',
    });
    expect(refusal('limit', { limit: 1.5 })).toMatchObject({
      message: 'limit must be a whole number of at least 1, not 1.5',
    });
    expect(refusal('limit', { limit: -3 })).toMatchObject({ code: 'bad-limit' });
    expect(refusal('limit', { limit: '10' })).toMatchObject({
      message: 'limit must be a whole number of at least 1, not "10"',
    });
  });
});

describe('archiveSize reader', () => {
  it('takes a whole number of at least 1', () => {
    expect(read('archiveSize', { archiveSize: 1 }).draft.archiveSize).toBe(1);
    expect(read('archiveSize', { archiveSize: 500 }).draft.archiveSize).toBe(500);
  });

  it('leaves the draft alone when the key is absent', () => {
    expect(read('archiveSize', {}, { archiveSize: 100 })).toEqual({
      draft: { archiveSize: 100 },
      diagnostics: [],
    });
  });

  it('refuses zero, fractions, negatives and text, with its own code and example', () => {
    expect(refusal('archiveSize', { archiveSize: 0 })).toEqual({
      severity: 'error',
      code: 'bad-archive-size',
      field: 'archiveSize',
      message: 'archiveSize must be a whole number of at least 1, not 0',
      fix: 'use e.g. "archiveSize": 100',
    });
    expect(refusal('archiveSize', { archiveSize: 2.5 })).toMatchObject({
      code: 'bad-archive-size',
      message: 'archiveSize must be a whole number of at least 1, not 2.5',
    });
    expect(refusal('archiveSize', { archiveSize: -1 })).toMatchObject({
      code: 'bad-archive-size',
    });
    expect(refusal('archiveSize', { archiveSize: '100' })).toMatchObject({
      message: 'archiveSize must be a whole number of at least 1, not "100"',
    });
  });
});

describe('permalink reader', () => {
  it('takes a path with :slug and any other tokens', () => {
    expect(read('permalink', { permalink: '/:year/:month/:day/:slug.html' }).draft.permalink).toBe(
      '/:year/:month/:day/:slug.html',
    );
  });

  it('refuses a permalink without :slug, naming the tokens', () => {
    expect(refusal('permalink', { permalink: '/posts/:year/' })).toEqual({
      severity: 'error',
      code: 'bad-permalink',
      field: 'permalink',
      message:
        'permalink must contain :slug (or :title or :filename), or two posts would share a URL',
      fix: 'use e.g. "/posts/:slug/" (tokens: :slug :title :filename :year :month :day :sections :section :categories :category)',
    });
  });

  it('refuses a permalink with a scheme, a query, a fragment or a space', () => {
    for (const permalink of [
      'https://x.example/:slug/',
      '/posts/:slug/?ref=feed',
      '/posts/:slug/#top',
      '/posts/ :slug/',
    ]) {
      expect(refusal('permalink', { permalink })).toEqual({
        severity: 'error',
        code: 'bad-permalink',
        field: 'permalink',
        message: 'permalink must be a path on the site',
        fix: 'use e.g. "/posts/:slug/"',
      });
    }
  });

  it('refuses a permalink that puts posts where feedwright writes its own files', () => {
    expect(refusal('permalink', { permalink: '/categories/:slug/' })).toEqual({
      severity: 'error',
      code: 'bad-permalink',
      field: 'permalink',
      message:
        'permalink puts posts where feedwright writes the category pages and feeds ("/categories/a-post/" is categories/a-post/index.html)',
      fix: 'use e.g. "/posts/:slug/" or "/:year/:month/:slug/"',
    });
    expect(read('permalink', { permalink: '/:slug/atom.xml' }).draft.permalink).toBeUndefined();
  });

  it('refuses a permalink whose pages would be outside a sub-path site', () => {
    const { diagnostics } = read(
      'permalink',
      { permalink: '/../:slug/' },
      { url: 'https://u.github.io/repo/' },
    );
    expect(diagnostics.map((d) => d.message)).toEqual([
      'permalink gives addresses no page can be written at ("/../a-post/")',
    ]);
    expect(
      read('permalink', { permalink: '/../:slug/' }, { url: 'https://u.github.io/' }).diagnostics,
    ).toEqual([]);
  });

  it('refuses :slugs, which is not the :slug token', () => {
    expect(refusal('permalink', { permalink: '/:slugs/' })).toMatchObject({
      message:
        'permalink must contain :slug (or :title or :filename), or two posts would share a URL',
    });
  });

  it('refuses a permalink that is not text', () => {
    expect(refusal('permalink', { permalink: 5 })).toMatchObject({
      code: 'not-text',
      message: 'permalink must be text, not the number 5',
    });
  });
});

describe('html reader', () => {
  it('takes sanitize or keep', () => {
    expect(read('html', { html: 'keep' }).draft.html).toBe('keep');
    expect(read('html', { html: 'sanitize' }).draft.html).toBe('sanitize');
  });

  it('refuses anything else, advising sanitize', () => {
    expect(refusal('html', { html: 'raw' })).toEqual({
      severity: 'error',
      code: 'bad-html',
      field: 'html',
      message: 'html must be "sanitize" or "keep", not "raw"',
      fix: 'use "sanitize" unless you trust every writer',
    });
    expect(refusal('html', { html: true })).toMatchObject({
      message: 'html must be "sanitize" or "keep", not true',
    });
  });
});

describe('archiveContent reader', () => {
  it('takes summary or full, and leaves the draft alone when the key is absent', () => {
    expect(read('archiveContent', { archiveContent: 'full' }).draft.archiveContent).toBe('full');
    expect(read('archiveContent', { archiveContent: 'summary' }).draft.archiveContent).toBe(
      'summary',
    );
    expect(read('archiveContent', {}, { archiveContent: 'summary' })).toEqual({
      draft: { archiveContent: 'summary' },
      diagnostics: [],
    });
  });

  it('refuses anything else, advising summary', () => {
    expect(refusal('archiveContent', { archiveContent: 'excerpt' })).toEqual({
      severity: 'error',
      code: 'bad-archive-content',
      field: 'archiveContent',
      message: 'archiveContent must be "summary" or "full", not "excerpt"',
      fix: 'use "summary" (the full text is on each page)',
    });
    expect(refusal('archiveContent', { archiveContent: true })).toMatchObject({
      code: 'bad-archive-content',
      message: 'archiveContent must be "summary" or "full", not true',
    });
  });
});

describe('hubs reader', () => {
  it('is an empty list when unset, and normalises each hub URL', () => {
    expect(read('hubs', {}).draft.hubs).toEqual([]);
    expect(
      read('hubs', { hubs: ['https://hub.example', 'http://other.example/h'] }).draft.hubs,
    ).toEqual(['https://hub.example/', 'http://other.example/h']);
  });

  it('refuses hubs that are not a list', () => {
    expect(refusal('hubs', { hubs: 'https://hub.example/' })).toEqual({
      severity: 'error',
      code: 'bad-hubs',
      field: 'hubs',
      message: 'hubs must be a list of URLs',
      fix: 'use e.g. "hubs": ["https://pubsubhubbub.appspot.com/"]',
    });
  });

  it('refuses each bad hub URL by its index, keeping the good ones', () => {
    const { draft, diagnostics } = read('hubs', {
      hubs: ['https://hub.example/', 'nope', 7],
    });
    expect(draft.hubs).toEqual(['https://hub.example/']);
    expect(diagnostics.map((d) => [d.code, d.field, d.message, d.fix])).toEqual([
      [
        'not-url',
        'hubs[1]',
        'hubs[1] "nope" is not an absolute http(s) URL',
        'use e.g. "https://pubsubhubbub.appspot.com/"',
      ],
      [
        'not-url',
        'hubs[2]',
        'hubs[2] must be an absolute URL',
        'use e.g. "https://pubsubhubbub.appspot.com/"',
      ],
    ]);
  });
});

describe('hubs reader, on credentials', () => {
  it('refuses a hub URL with a user name or password, keeping the others', () => {
    const { draft, diagnostics } = read('hubs', {
      hubs: ['https://ada:token@hub.example/', 'https://hub.example/'],
    });
    expect(draft.hubs).toEqual(['https://hub.example/']);
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'bad-hub',
        file: FILE,
        field: 'hubs[0]',
        message: 'hubs[0] holds a user name or password, which every feed would show',
        fix: 'remove the "user:password@" part',
      },
    ]);
  });

  it('refuses javascript: and data: hubs', () => {
    const { diagnostics } = read('hubs', {
      hubs: ['javascript:alert(1)', 'data:text/plain,x'],
    });
    expect(diagnostics.map((d) => [d.code, d.field])).toEqual([
      ['not-url', 'hubs[0]'],
      ['not-url', 'hubs[1]'],
    ]);
  });
});

describe('authors reader', () => {
  const site = { url: 'https://u.github.io/repo/' };

  it('is no profiles when unset', () => {
    expect(read('authors', {})).toEqual({ draft: { authors: {} }, diagnostics: [] });
  });

  it('keys each profile, collapsing the bio and resolving a site-path image against url', () => {
    const { draft, diagnostics } = read(
      'authors',
      {
        authors: {
          jdoe: {
            name: ' Jane  Doe ',
            email: 'jane@example.com',
            url: 'https://jane.example',
            bio: 'Covers\n  money.',
            image: '/img/jdoe.jpg',
          },
          cdn: { name: 'Cee', image: 'https://cdn.example/c.png' },
          ada: 'Ada',
        },
      },
      { ...site },
    );
    expect(diagnostics).toEqual([]);
    expect(draft.authors).toStrictEqual({
      jdoe: {
        key: 'jdoe',
        name: 'Jane Doe',
        email: 'jane@example.com',
        url: 'https://jane.example/',
        bio: 'Covers money.',
        image: 'https://u.github.io/repo/img/jdoe.jpg',
      },
      cdn: { key: 'cdn', name: 'Cee', image: 'https://cdn.example/c.png' },
      ada: { key: 'ada', name: 'Ada' },
    });
  });

  it('refuses authors that is not a mapping of keys to profiles', () => {
    for (const authors of [['jdoe'], 'jdoe', 3]) {
      expect(refusal('authors', { authors }, { ...site })).toMatchObject({
        severity: 'error',
        code: 'bad-authors',
        field: 'authors',
        fix: 'write e.g. "authors": {"jdoe": {"name": "Jane Doe", "bio": "…"}}',
      });
    }
    expect(refusal('authors', { authors: ['jdoe'] }, { ...site })?.message).toBe(
      'authors must map a key to a profile, not a list',
    );
  });

  it('refuses each bad profile by its key, keeping the good ones', () => {
    const { draft, diagnostics } = read(
      'authors',
      {
        authors: {
          ok: 'Fine',
          '!!': 'Bang',
          num: 5,
          noname: { email: 'x@example.com' },
          bio: { name: 'B', bio: 4 },
          js: { name: 'J', image: 'javascript:alert(1)' },
          list: { name: 'L', image: ['/a.png'] },
        },
      },
      { ...site },
    );
    expect(Object.keys(draft.authors ?? {})).toEqual(['ok', 'bio', 'js', 'list']);
    expect(diagnostics.map((d) => [d.severity, d.code, d.field, d.message])).toEqual([
      ['error', 'bad-author-key', 'authors.!!', 'author key "!!" gives an empty slug'],
      [
        'error',
        'not-person',
        'authors.num',
        'authors.num must be a name or {name, email, url}, not the number 5',
      ],
      ['error', 'missing', 'authors.noname.name', 'authors.noname.name is missing'],
      ['error', 'not-text', 'authors.bio.bio', 'authors.bio.bio must be text, not the number 4'],
      [
        'error',
        'bad-image',
        'authors.js.image',
        'authors.js.image "javascript:alert(1)" is a javascript: URL; it must be an http(s) URL or a site path',
      ],
      ['error', 'bad-image', 'authors.list.image', 'authors.list.image must be a URL or site path'],
    ]);
  });
});

describe('tagFeeds reader', () => {
  it('takes true or false, and leaves the draft alone when the key is absent', () => {
    expect(read('tagFeeds', { tagFeeds: false }).draft.tagFeeds).toBe(false);
    expect(read('tagFeeds', { tagFeeds: true }).draft.tagFeeds).toBe(true);
    expect(read('tagFeeds', {}, { tagFeeds: true })).toEqual({
      draft: { tagFeeds: true },
      diagnostics: [],
    });
  });

  it('refuses anything but a boolean', () => {
    expect(refusal('tagFeeds', { tagFeeds: 'no' })).toEqual({
      severity: 'error',
      code: 'bad-tag-feeds',
      field: 'tagFeeds',
      message: 'tagFeeds must be true or false, not string',
      fix: 'write "tagFeeds": false',
    });
    expect(refusal('tagFeeds', { tagFeeds: 0 })).toMatchObject({
      message: 'tagFeeds must be true or false, not the number 0',
    });
  });
});

describe('copyright reader', () => {
  it('is optional, and collapses whitespace', () => {
    expect(read('copyright', {}).draft.copyright).toBeUndefined();
    expect(read('copyright', { copyright: '© 2026   Desk' }).draft.copyright).toBe('© 2026 Desk');
  });
});

describe('icon and logo readers', () => {
  const site = { url: 'https://u.github.io/repo/' };

  it('resolve a site path under a sub-path url, with or without its leading slash', () => {
    expect(read('icon', { icon: '/icon.png' }, { ...site }).draft.icon).toBe(
      'https://u.github.io/repo/icon.png',
    );
    expect(read('logo', { logo: 'img/logo.png' }, { ...site }).draft.logo).toBe(
      'https://u.github.io/repo/img/logo.png',
    );
  });

  it('keep an absolute URL', () => {
    expect(read('logo', { logo: 'https://cdn.example/l.png' }, { ...site }).draft.logo).toBe(
      'https://cdn.example/l.png',
    );
  });

  it('set nothing, and say nothing more, when the url itself was refused', () => {
    expect(read('icon', { icon: '/icon.png' }, {})).toEqual({ draft: {}, diagnostics: [] });
  });

  it('refuse a javascript: or data: URL, which every feed would carry', () => {
    expect(refusal('icon', { icon: 'javascript:alert(1)' }, { ...site })).toEqual({
      severity: 'error',
      code: 'bad-icon',
      field: 'icon',
      message:
        'icon "javascript:alert(1)" is a javascript: URL; it must be an http(s) URL or a site path',
      fix: 'use a site path such as "/icon.png" (a file in public/) or "https://example.com/icon.png"',
    });
    expect(refusal('logo', { logo: 'data:image/png;base64,AAAA' }, { ...site })).toMatchObject({
      code: 'bad-logo',
      field: 'logo',
    });
  });

  it('refuse a malformed absolute URL with a message, not a TypeError', () => {
    expect(refusal('icon', { icon: 'http://' }, { ...site })).toEqual({
      severity: 'error',
      code: 'bad-icon',
      field: 'icon',
      message: 'icon "http://" is not a valid URL',
      fix: 'use a site path such as "/icon.png" (a file in public/) or "https://example.com/icon.png"',
    });
  });

  it('still refuse a bad URL when the url itself was refused, setting nothing', () => {
    expect(read('logo', { logo: 'javascript:x' }, {})).toMatchObject({
      draft: {},
      diagnostics: [{ code: 'bad-logo' }],
    });
  });

  it('refuse an icon that is not text', () => {
    expect(refusal('icon', { icon: 1 }, { ...site })).toMatchObject({
      code: 'not-text',
      field: 'icon',
    });
  });
});

describe('$schema reader', () => {
  it('ignores the value: it is for editors', () => {
    expect(read('$schema', { $schema: './schema.json' })).toEqual({
      draft: {},
      diagnostics: [],
    });
  });
});
