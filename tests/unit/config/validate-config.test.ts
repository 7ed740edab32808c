import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEXT } from '../../../src/config/page-text.js';
import { validateConfig } from '../../../src/config/validate-config.js';
import { makeConfig } from '../../helpers/site.js';

describe('validateConfig', () => {
  it('fills defaults', () => {
    const r = validateConfig(
      { title: 'T', description: 'D', url: 'https://x.example', author: 'Desk' },
      'c.json',
    );
    expect(r).toMatchObject({
      ok: true,
      config: {
        url: 'https://x.example/',
        language: 'en',
        languages: [
          { tag: 'en', folder: '', title: 'T', description: 'D', text: BUILT_IN_TEXT.en },
        ],
        timezone: 'UTC',
        limit: 50,
        archiveSize: 100,
        archiveContent: 'summary',
        permalink: '/posts/:slug/',
        html: 'sanitize',
        hubs: [],
        authors: {},
        tagFeeds: true,
        author: { name: 'Desk' },
      },
    });
  });

  it('gives a SiteConfig with exactly the required and default keys when nothing optional is set', () => {
    const r = validateConfig(
      { title: 'T', description: 'D', url: 'https://x.example', author: 'Desk' },
      'c.json',
    );
    expect(r).toStrictEqual({
      ok: true,
      diagnostics: [],
      config: {
        title: 'T',
        description: 'D',
        url: 'https://x.example/',
        language: 'en',
        languages: [
          { tag: 'en', folder: '', title: 'T', description: 'D', text: BUILT_IN_TEXT.en },
        ],
        timezone: 'UTC',
        author: { name: 'Desk' },
        limit: 50,
        archiveSize: 100,
        archiveContent: 'summary',
        permalink: '/posts/:slug/',
        html: 'sanitize',
        hubs: [],
        authors: {},
        tagFeeds: true,
      },
    });
  });

  it('gives a SiteConfig with every key set, normalised, and nothing else', () => {
    const r = validateConfig(
      {
        $schema: './feedwright.schema.json',
        title: ' Daily  News ',
        description: 'D',
        url: 'https://u.github.io/repo',
        language: 'fr-ca',
        timezone: 'europe/paris',
        author: { name: 'Desk', email: 'desk@example.com', url: 'https://u.github.io/repo/desk' },
        copyright: '© 2026 Desk',
        limit: 10,
        archiveSize: 250,
        archiveContent: 'full',
        icon: '/icon.png',
        logo: 'https://cdn.example/logo.png',
        permalink: '/:year/:slug/',
        html: 'keep',
        hubs: ['https://hub.example'],
        authors: {
          jdoe: {
            name: 'Jane  Doe',
            email: 'jane@example.com',
            bio: ' Covers  money. ',
            image: 'img/jdoe.jpg',
          },
          ada: 'Ada',
        },
        tagFeeds: false,
      },
      'c.json',
    );
    expect(r).toStrictEqual({
      ok: true,
      diagnostics: [],
      config: {
        title: 'Daily News',
        description: 'D',
        url: 'https://u.github.io/repo/',
        language: 'fr-CA',
        languages: [
          {
            tag: 'fr-CA',
            folder: '',
            title: 'Daily News',
            description: 'D',
            text: BUILT_IN_TEXT.fr,
          },
        ],
        timezone: 'Europe/Paris',
        author: { name: 'Desk', email: 'desk@example.com', url: 'https://u.github.io/repo/desk' },
        copyright: '© 2026 Desk',
        limit: 10,
        archiveSize: 250,
        archiveContent: 'full',
        icon: 'https://u.github.io/repo/icon.png',
        logo: 'https://cdn.example/logo.png',
        permalink: '/:year/:slug/',
        html: 'keep',
        hubs: ['https://hub.example/'],
        authors: {
          jdoe: {
            key: 'jdoe',
            name: 'Jane Doe',
            email: 'jane@example.com',
            bio: 'Covers money.',
            image: 'https://u.github.io/repo/img/jdoe.jpg',
          },
          ada: { key: 'ada', name: 'Ada' },
        },
        tagFeeds: false,
      },
    });
  });

  it('adds the trailing slash to a sub-path site URL', () => {
    expect(validateConfig(makeConfig({ url: 'https://user.github.io/repo' }), 'c')).toMatchObject({
      config: { url: 'https://user.github.io/repo/' },
    });
  });

  it('canonicalises the language tag', () => {
    expect(validateConfig(makeConfig({ language: 'EN-ca' }), 'c')).toMatchObject({
      config: { language: 'en-CA' },
    });
  });

  it('resolves icon and logo site paths under a sub-path site', () => {
    expect(
      validateConfig(
        makeConfig({ url: 'https://u.github.io/r/', icon: '/icon.png', logo: 'logo.png' }),
        'c',
      ),
    ).toMatchObject({
      config: { icon: 'https://u.github.io/r/icon.png', logo: 'https://u.github.io/r/logo.png' },
    });
  });

  it('rejects a permalink without :slug, a bad limit, a bad html mode and non-URL hubs', () => {
    const r = validateConfig(
      makeConfig({ permalink: '/posts/:year/', limit: 0, html: 'raw' as never, hubs: ['nope'] }),
      'c',
    );
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.field)).toEqual(['limit', 'permalink', 'html', 'hubs[0]']);
  });

  it('reports every problem at once, in the order of the keys, each with its file and fix', () => {
    const r = validateConfig(
      {
        url: 'ftp://x',
        language: 'x y',
        timezone: 'Nowhere/City',
        limit: 'many',
        archiveSize: 0,
        archiveContent: 'all',
        hubs: 'h',
        authors: ['jdoe'],
        tagFeeds: 'yes',
      },
      'feedwright.config.json',
    );
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.field, d.code])).toEqual([
      ['title', 'missing'],
      ['description', 'missing'],
      ['url', 'not-url'],
      ['language', 'bad-language'],
      ['timezone', 'bad-timezone'],
      ['author', 'missing'],
      ['limit', 'bad-limit'],
      ['archiveSize', 'bad-archive-size'],
      ['archiveContent', 'bad-archive-content'],
      ['hubs', 'bad-hubs'],
      ['authors', 'bad-authors'],
      ['tagFeeds', 'bad-tag-feeds'],
    ]);
    for (const d of r.diagnostics) {
      expect(d).toMatchObject({ severity: 'error', file: 'feedwright.config.json' });
      expect(d.fix).toEqual(expect.any(String));
    }
  });

  it('takes archiveSize, and refuses one that is not a whole number of at least 1', () => {
    expect(validateConfig(makeConfig({ archiveSize: 7 }), 'c')).toMatchObject({
      ok: true,
      config: { archiveSize: 7, limit: 50 },
    });
    const r = validateConfig(makeConfig({ archiveSize: 1.5 }), 'c.json');
    expect(r).toEqual({
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: 'bad-archive-size',
          file: 'c.json',
          field: 'archiveSize',
          message: 'archiveSize must be a whole number of at least 1, not 1.5',
          fix: 'use e.g. "archiveSize": 100',
        },
      ],
    });
  });

  it('refuses a config that is not an object, saying what one looks like', () => {
    for (const data of [null, undefined, [], ['title'], 'title', 42, true]) {
      expect(validateConfig(data, 'c.json')).toEqual({
        ok: false,
        diagnostics: [
          {
            severity: 'error',
            code: 'config-not-object',
            file: 'c.json',
            message: 'the config must be a JSON object',
            fix: 'write {"title": …, "description": …, "url": …, "author": {"name": …}}',
          },
        ],
      });
    }
  });

  it('warns on unknown keys with a suggestion', () => {
    const r = validateConfig({ ...makeConfig(), timezon: 'UTC' }, 'c');
    expect(r.diagnostics[0]).toMatchObject({
      severity: 'warning',
      field: 'timezon',
      fix: 'did you mean "timezone"?',
    });
  });

  it('suggests a key whose letters were swapped, whatever their case', () => {
    const r = validateConfig({ ...makeConfig(), PREMALINK: '/x/:slug/' }, 'c');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ field: 'PREMALINK', fix: 'did you mean "permalink"?' }),
    ]);
  });

  it('lists the known keys when an unknown key is like none of them', () => {
    const r = validateConfig({ ...makeConfig(), colour: 'blue' }, 'c');
    expect(r).toMatchObject({ ok: true });
    expect(r.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'unknown-key',
        file: 'c',
        field: 'colour',
        message: 'unknown key "colour" ignored',
        fix: 'known keys: title, description, url, language, languages, text, timezone, author, limit, archiveSize, archiveContent, conventions, permalink, html, hubs, authors, tagFeeds, maxFeedBytes, copyright, icon, logo, $schema',
      },
    ]);
  });

  it('accepts $schema without a warning', () => {
    expect(validateConfig({ ...makeConfig(), $schema: 'x.json' }, 'c')).toMatchObject({
      ok: true,
      diagnostics: [],
    });
  });

  it('reports warnings alongside errors, and fails on the errors', () => {
    const r = validateConfig({ ...makeConfig({ limit: -1 }), titl: 'x' }, 'c');
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.severity, d.field])).toEqual([
      ['error', 'limit'],
      ['warning', 'titl'],
    ]);
  });

  it('uses the locate function for every diagnostic: the key itself, else its top-level key', () => {
    const asked: string[] = [];
    const r = validateConfig(
      makeConfig({ author: { name: 'Desk', email: 'nope' }, limit: 0 }),
      'c',
      (key) => {
        asked.push(key);
        return key.includes('.') ? undefined : { line: asked.length, column: 1 };
      },
    );
    expect(asked).toEqual(['author.email', 'author', 'limit']);
    expect(r.diagnostics.map((d) => [d.field, d.line])).toEqual([
      ['author.email', 2],
      ['limit', 3],
    ]);
  });
});

describe('validateConfig: author profiles', () => {
  it('keeps a profile whose key is "__proto__" as a profile, not as a prototype', () => {
    const data = JSON.parse(
      JSON.stringify(makeConfig()).replace(/}$/, ',"authors":{"__proto__":{"name":"Proto"}}}'),
    );
    const result = validateConfig(data, 'c');
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(Object.hasOwn(result.config.authors, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(result.config.authors)).toBe(Object.prototype);
    expect(Object.entries(result.config.authors)).toEqual([
      ['__proto__', { name: 'Proto', key: '__proto__' }],
    ]);
  });
});

describe('validateConfig: maxFeedBytes', () => {
  it('takes a whole number of bytes of at least 10,000, and is absent by default', () => {
    const ok = validateConfig(makeConfig({ maxFeedBytes: 2_000_000 }), 'c');
    expect(ok.ok && ok.config.maxFeedBytes).toBe(2_000_000);
    const none = validateConfig(makeConfig(), 'c');
    expect(none.ok && 'maxFeedBytes' in none.config).toBe(false);
    for (const bad of [9_999, 1.5, '2MB', -1]) {
      const result = validateConfig(makeConfig({ maxFeedBytes: bad as never }), 'c');
      expect(result.ok, String(bad)).toBe(false);
      expect(result.diagnostics.map((d) => d.code)).toEqual(['bad-max-feed-bytes']);
    }
  });
});
