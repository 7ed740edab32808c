import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/validate-config.js';
import {
  configText,
  machineTimeZone,
  PLACEHOLDER_URL,
  SCHEMA_REFERENCE,
  siteConfig,
  titleFromFolder,
} from '../../../src/scaffold/site-config.js';

const choices = {
  title: 'Harbour Gazette',
  url: 'https://me.github.io/gazette/',
  timezone: 'America/Halifax',
};

describe('siteConfig', () => {
  it('is a config feedwright takes as it is, with no warning', () => {
    const result = validateConfig(siteConfig(choices), 'feedwright.config.json');
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.config).toMatchObject({
      title: 'Harbour Gazette',
      url: 'https://me.github.io/gazette/',
      timezone: 'America/Halifax',
      author: { name: 'Harbour Gazette' },
    });
  });

  it('points editors at the schema inside the installed package, and lists the keys in order', () => {
    const config = siteConfig({ ...choices, url: PLACEHOLDER_URL });
    expect(config.$schema).toBe('./node_modules/feedwright/schema/feedwright.config.schema.json');
    expect(SCHEMA_REFERENCE).toBe(config.$schema);
    expect(Object.keys(config)).toEqual([
      '$schema',
      'title',
      'description',
      'url',
      'language',
      'timezone',
      'author',
      'limit',
      'permalink',
    ]);
    expect(config.url).toBe('https://example.com/');
  });
});

describe('configText', () => {
  it('is two-space JSON, a key a line, ending in a newline', () => {
    expect(configText({ title: 'T', author: { name: 'N' } })).toBe(
      '{\n  "title": "T",\n  "author": {\n    "name": "N"\n  }\n}\n',
    );
  });
});

describe('titleFromFolder', () => {
  it("makes words of the folder's name, each capitalised", () => {
    expect(titleFromFolder('harbour-gazette')).toBe('Harbour Gazette');
    expect(titleFromFolder('my_news.site')).toBe('My News Site');
    expect(titleFromFolder('élan')).toBe('Élan');
    expect(titleFromFolder('CRBC News')).toBe('CRBC News');
  });

  it('is "My News" for a name with no word in it', () => {
    expect(titleFromFolder('')).toBe('My News');
    expect(titleFromFolder('---')).toBe('My News');
    expect(titleFromFolder('/')).toBe('My News');
  });
});

describe('machineTimeZone', () => {
  it("is this machine's zone (the tests run with TZ=UTC)", () => {
    expect(process.env.TZ).toBe('UTC');
    expect(machineTimeZone()).toBe('UTC');
  });
});
