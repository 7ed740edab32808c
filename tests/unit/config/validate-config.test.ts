import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load-config.js';
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
        timezone: 'UTC',
        limit: 50,
        permalink: '/posts/:slug/',
        html: 'sanitize',
        hubs: [],
        author: { name: 'Desk' },
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

  it('warns on unknown keys with a suggestion', () => {
    const r = validateConfig({ ...makeConfig(), timezon: 'UTC' }, 'c');
    expect(r.diagnostics[0]).toMatchObject({
      severity: 'warning',
      field: 'timezon',
      fix: 'did you mean "timezone"?',
    });
  });

  it('locates a bad key in the JSON text', () => {
    const r = parseConfigText(
      '{\n  "title": "T",\n  "description": "D",\n  "url": "ftp://x",\n  "author": "A"\n}',
      'c.json',
    );
    expect(r.diagnostics[0]).toMatchObject({ field: 'url', line: 4, column: 10 });
  });
});
