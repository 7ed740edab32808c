import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEXT } from '../../../../src/config/page-text.js';
import type { Language } from '../../../../src/model.js';
import { html } from '../../../../src/render/pages/html-template.js';
import {
  languageName,
  say,
  sayCount,
  sayText,
  timeTag,
} from '../../../../src/render/pages/words.js';

const english: Language = {
  tag: 'en-CA',
  folder: '',
  title: 'Test',
  description: 'Tests.',
  text: BUILT_IN_TEXT.en,
};
const french: Language = {
  tag: 'fr-CA',
  folder: 'fr/',
  title: 'Test',
  description: 'Tests.',
  text: BUILT_IN_TEXT.fr,
};

const textOf = (markup: { html: string }) =>
  DomUtils.textContent(parseDocument(markup.html).children as never);

describe('say', () => {
  it('escapes the template’s own text and each text value, and inserts markup as it is', () => {
    const out = say('<b>{name}</b> & {site}', {
      name: '<script>x</script>',
      site: html`<bdi>${'A & B'}</bdi>`,
    });
    expect(out.html).toBe(
      '&lt;b&gt;&lt;script&gt;x&lt;/script&gt;&lt;/b&gt; &amp; <bdi>A &amp; B</bdi>',
    );
  });

  it('leaves a placeholder it is not given as it is, and fills numbers', () => {
    expect(say('Page {page} of {pages}', { page: 2 }).html).toBe('Page 2 of {pages}');
  });
});

describe('sayText', () => {
  it('fills placeholders without escaping (the page escapes titles itself)', () => {
    expect(sayText('{name} — page {page}', { name: 'Tom & Jerry', page: 3 })).toBe(
      'Tom & Jerry — page 3',
    );
  });
});

describe('sayCount', () => {
  it('takes the singular for one, the plural otherwise, numbers written the language’s way', () => {
    expect(textOf(sayCount(english, 'storyCount', 1))).toBe('1 story');
    expect(textOf(sayCount(english, 'storyCount', 0))).toBe('0 stories');
    expect(textOf(sayCount(english, 'storyCount', 12345))).toBe('12,345 stories');
    expect(textOf(sayCount(french, 'storyCount', 1))).toBe('1 article');
    // French: 0 and 1 are singular; fr-CA separates thousands with a no-break space.
    expect(textOf(sayCount(french, 'storyCount', 0))).toBe('0 article');
    expect(textOf(sayCount(french, 'storyCount', 12345))).toBe('12\u00a0345 articles');
  });
});

describe('timeTag', () => {
  const late = new Date('2026-11-21T03:30:00Z');
  const timeOf = (markup: { html: string }) =>
    DomUtils.getElementsByTagName('time', parseDocument(markup.html).children as never)[0];

  it('shows the date in the given zone, with a machine-readable UTC datetime', () => {
    const time = timeOf(timeTag(late, 'America/Toronto', false));
    expect(time?.attribs.datetime).toBe('2026-11-21T03:30:00.000Z');
    expect(textOf(timeTag(late, 'America/Toronto', false))).toBe('November 20, 2026');
  });

  it('adds the time and the zone’s offset when asked', () => {
    const shown = (date: Date, zone: string) => textOf(timeTag(date, zone, true));
    expect(shown(late, 'America/Toronto')).toBe('November 20, 2026, 10:30 PM GMT-5');
    expect(shown(late, 'Asia/Kolkata')).toBe('November 21, 2026, 9:00 AM GMT+5:30');
    expect(shown(new Date('2026-07-01T12:00:00Z'), 'America/Toronto')).toBe(
      'July 1, 2026, 8:00 AM GMT-4',
    );
    expect(shown(new Date('2026-07-01T12:00:00Z'), 'UTC')).toBe('July 1, 2026, 12:00 PM GMT+0');
  });

  it('writes the date in the page’s language', () => {
    expect(textOf(timeTag(late, 'America/Toronto', false, 'fr-CA'))).toBe('20 novembre 2026');
    expect(textOf(timeTag(late, 'America/Toronto', true, 'fr-CA'))).toBe(
      '20 novembre 2026 à 22 h 30 UTC−5',
    );
    // Every English is written the way feedwright always wrote it.
    expect(textOf(timeTag(late, 'Europe/London', false, 'en-GB'))).toBe('November 21, 2026');
  });
});

describe('languageName', () => {
  it('names a language in itself, capitalised', () => {
    expect(languageName('fr-CA')).toBe('Français');
    expect(languageName('en-CA')).toBe('English');
    expect(languageName('de')).toBe('Deutsch');
  });
});
