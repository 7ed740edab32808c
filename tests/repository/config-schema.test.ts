/**
 * `schema/feedwright.config.schema.json`, kept true to the config feedwright reads: the same keys,
 * required keys and defaults, the same page-text keys, and the same verdict on sample configs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, CONFIG_FIELDS } from '../../src/config/config-fields.js';
import { PLURAL_KEYS, TEXT_KEYS } from '../../src/config/page-text.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { SCHEMA_REFERENCE, siteConfig } from '../../src/scaffold/site-config.js';
import { REPO } from '../helpers/site.js';

const SCHEMA_FILE = path.join(REPO, 'schema/feedwright.config.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** The schema's verdict: the paths it complains about, none when it takes the config. */
function schemaProblems(config: unknown): string[] {
  return validate(config)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** feedwright's verdict: taken as it is, with no error and no warning. */
function feedwrightTakes(config: unknown): boolean {
  const result = validateConfig(config, 'feedwright.config.json');
  return result.ok && result.diagnostics.every((d) => d.severity === 'note');
}

const MINIMAL = {
  title: 'News',
  description: 'The news.',
  url: 'https://example.com/news/',
  author: 'Desk',
};

describe('the config schema', () => {
  it('is a draft-07 schema Ajv compiles in strict mode', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(typeof validate).toBe('function');
  });

  it('has exactly the keys feedwright reads (CONFIG_FIELDS), and refuses any other', () => {
    const keys = CONFIG_FIELDS.map(([key]) => key);
    expect(Object.keys(schema.properties).sort()).toEqual([...keys].sort());
    expect(schema.additionalProperties).toBe(false);
    expect(keys).toEqual(expect.arrayContaining(['languages', 'text']));
  });

  it('requires what feedwright requires', () => {
    const missing = validateConfig({}, 'c').diagnostics.filter((d) => d.code === 'missing');
    expect([...schema.required].sort()).toEqual(missing.map((d) => d.field).sort());
  });

  it("gives feedwright's defaults", () => {
    for (const [key, value] of Object.entries(CONFIG_DEFAULTS))
      expect(schema.properties[key].default, key).toEqual(value);
  });

  it('describes every key, for editors to show', () => {
    for (const [key, property] of Object.entries(schema.properties) as [
      string,
      { description?: string },
    ][])
      expect(property.description?.length ?? 0, key).toBeGreaterThan(20);
  });

  it("lists the page text's keys, a number's forms for each plural one, and the site's title and description", () => {
    const text = schema.definitions.pageText;
    expect(Object.keys(text.properties)).toEqual(['title', 'description', ...TEXT_KEYS]);
    expect(text.additionalProperties).toBe(false);
    for (const key of TEXT_KEYS) {
      const plural = (PLURAL_KEYS as readonly string[]).includes(key);
      expect(text.properties[key].$ref ?? text.properties[key].type, key).toBe(
        plural ? '#/definitions/pluralText' : 'string',
      );
    }
  });

  it("takes this repository's own config, which points at it", () => {
    const config = JSON.parse(readFileSync(path.join(REPO, 'feedwright.config.json'), 'utf8'));
    expect(config.$schema).toBe('./schema/feedwright.config.schema.json');
    expect(schemaProblems(config)).toEqual([]);
    expect(feedwrightTakes(config)).toBe(true);
  });

  it('takes the config feedwright init writes, which points at this file in the installed package', () => {
    const config = siteConfig({
      title: 'Gazette',
      url: 'https://me.github.io/g/',
      timezone: 'UTC',
    });
    expect(schemaProblems(config)).toEqual([]);
    expect(SCHEMA_REFERENCE).toBe('./node_modules/feedwright/schema/feedwright.config.schema.json');
  });

  const FULL = {
    ...MINIMAL,
    $schema: SCHEMA_REFERENCE,
    languages: ['en-CA', 'fr-CA'],
    text: {
      fr: {
        title: 'Nouvelles',
        subscribe: 'Abonnez-vous',
        storyCount: { one: '{n} article', other: '{n} articles' },
      },
    },
    timezone: 'America/Toronto',
    author: { name: 'Desk', email: 'desk@example.com', url: 'https://example.com/desk' },
    limit: 20,
    archiveSize: 50,
    archiveContent: 'full',
    permalink: '/:year/:month/:slug.html',
    html: 'keep',
    hubs: ['https://pubsubhubbub.appspot.com/'],
    authors: {
      jdoe: { name: 'Jane Doe', bio: 'Reports.', image: '/images/jdoe.jpg' },
      ann: 'Ann Smith',
    },
    tagFeeds: false,
    maxFeedBytes: 2_000_000,
    copyright: '© 2026 News',
    icon: '/icon.png',
    logo: 'https://example.com/logo.png',
  };

  // [what, config]: the schema and feedwright agree on each (taken, or not taken as it is).
  const SAMPLES: [string, unknown][] = [
    ['the minimal config', MINIMAL],
    ['a config with every key', FULL],
    ['a URL without its trailing slash', { ...MINIMAL, url: 'https://example.com/news' }],
    ['no title', { ...MINIMAL, title: undefined }],
    ['a blank title', { ...MINIMAL, title: '   ' }],
    ['an ftp URL', { ...MINIMAL, url: 'ftp://example.com/' }],
    ['a URL with a query', { ...MINIMAL, url: 'https://example.com/?a=1' }],
    ['a URL with a password', { ...MINIMAL, url: 'https://me:pw@example.com/' }],
    ['a relative URL', { ...MINIMAL, url: '/news/' }],
    ['no author', { ...MINIMAL, author: undefined }],
    ['an author without a name', { ...MINIMAL, author: { email: 'a@example.com' } }],
    ['an author email that is not one', { ...MINIMAL, author: { name: 'A', email: 'nope' } }],
    [
      'an author with a key feedwright ignores',
      { ...MINIMAL, author: { name: 'A', twitter: 'a' } },
    ],
    ['a limit of 0', { ...MINIMAL, limit: 0 }],
    ['a limit of 1.5', { ...MINIMAL, limit: 1.5 }],
    ['a limit as text', { ...MINIMAL, limit: '50' }],
    ['an archiveSize of -1', { ...MINIMAL, archiveSize: -1 }],
    ['archiveContent "all"', { ...MINIMAL, archiveContent: 'all' }],
    ['html "raw"', { ...MINIMAL, html: 'raw' }],
    ['a permalink without :slug', { ...MINIMAL, permalink: '/posts/:year/' }],
    ['a permalink with :slugs', { ...MINIMAL, permalink: '/posts/:slugs/' }],
    ['a permalink that is a URL', { ...MINIMAL, permalink: 'https://example.com/:slug/' }],
    ['a permalink with a query', { ...MINIMAL, permalink: '/p/:slug/?x' }],
    ['hubs that are not a list', { ...MINIMAL, hubs: 'https://hub.example/' }],
    ['an ftp hub', { ...MINIMAL, hubs: ['ftp://hub.example/'] }],
    ['tagFeeds "yes"', { ...MINIMAL, tagFeeds: 'yes' }],
    ['maxFeedBytes under 10,000', { ...MINIMAL, maxFeedBytes: 5000 }],
    ['a language that is no tag', { ...MINIMAL, language: 'english!' }],
    ['no languages', { ...MINIMAL, languages: [] }],
    ['a language listed twice', { ...MINIMAL, languages: ['fr', 'fr'] }],
    ['a language that is no tag in languages', { ...MINIMAL, languages: ['en', 'fr_CA'] }],
    [
      'page text that is not text',
      { ...MINIMAL, languages: ['en', 'fr'], text: { fr: { subscribe: 1 } } },
    ],
    [
      'a plural text given as one string',
      { ...MINIMAL, languages: ['en', 'fr'], text: { fr: { storyCount: 'x' } } },
    ],
    [
      'a page text key that does not exist',
      { ...MINIMAL, languages: ['en', 'fr'], text: { fr: { subscrbe: 'x' } } },
    ],
    ['text that is a list', { ...MINIMAL, text: ['fr'] }],
    ['a profile without a name', { ...MINIMAL, authors: { jdoe: { bio: 'x' } } }],
    [
      'a profile with a key feedwright ignores',
      { ...MINIMAL, authors: { jdoe: { name: 'J', age: 3 } } },
    ],
    ['authors as a list', { ...MINIMAL, authors: ['jdoe'] }],
    ['a misspelt key', { ...MINIMAL, titel: 'News' }],
    ['an icon that is a data: URL', { ...MINIMAL, icon: 'data:image/png;base64,AAAA' }],
  ];

  for (const [what, config] of SAMPLES) {
    it(`agrees with feedwright on ${what}`, () => {
      const clean = JSON.parse(JSON.stringify(config));
      const problems = schemaProblems(clean);
      expect({ schemaTakes: problems.length === 0, problems }).toMatchObject({
        schemaTakes: feedwrightTakes(clean),
      });
    });
  }
});
