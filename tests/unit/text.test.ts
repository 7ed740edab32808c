import { tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cdata,
  cdataParts,
  collapseWhitespace,
  compareCodePoints,
  countLines,
  escapeHtml,
  escapeHtmlText,
  escapeRegExp,
  escapeXml,
  fileOfParts,
  fillText,
  findLanguage,
  firstXmlForbidden,
  foldName,
  formatDate,
  formatLocale,
  joinParts,
  lineFeeds,
  localeOf,
  partsBytes,
  pluralText,
  primarySubtag,
  reusedBuffer,
  sharedName,
  stripXmlForbidden,
  truncateAtWord,
  utf8Kept,
  utf8Scratch,
  utf8Text,
} from '../../src/text.js';

describe('stripXmlForbidden', () => {
  it('removes C0 controls but tab, LF and CR, and counts them', () => {
    expect(stripXmlForbidden('a\u0000b\u0007c\td\ne\rf\u001f')).toEqual({
      text: 'abc\td\ne\rf',
      removed: 3,
    });
  });
  it('removes U+FFFE, U+FFFF and unpaired surrogates but keeps pairs', () => {
    expect(stripXmlForbidden('\uFFFEx\uFFFF\uD800y\uDC00😀')).toEqual({ text: 'xy😀', removed: 4 });
  });
});

describe('escapeXml', () => {
  it('uses hexadecimal references for markup and line breaks', () => {
    expect(escapeXml('a & <b> "c"\r\n\t')).toBe(
      'a &#x26; &#x3C;b&#x3E; &#x22;c&#x22;&#xD;&#xA;&#x9;',
    );
  });
  it('escapes an existing entity so it reads back literally', () => {
    expect(escapeXml('&amp;')).toBe('&#x26;amp;');
  });
});

describe('escapeRegExp', () => {
  it('makes a pattern that matches the text itself and nothing else, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (text, other) => {
        const pattern = new RegExp(`^${escapeRegExp(text)}$`);
        expect(pattern.test(text)).toBe(true);
        if (other !== text) expect(pattern.test(other)).toBe(false);
      }),
    );
    expect(escapeRegExp('a.b*(c)')).toBe('a\\.b\\*\\(c\\)');
  });
});

describe('cdata', () => {
  it('splits every ]]> so the section cannot end early', () => {
    expect(cdata('a]]>b]]>c')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>');
  });
});

describe('cdataParts', () => {
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  const written = (parts: readonly (string | Uint8Array)[]) => Buffer.from(utf8Scratch(parts));
  /** What `cdata` writes of the three joined, the middle one decoded from UTF-8 as it is stored. */
  const expected = (before: string, text: string, after: string) =>
    utf8(cdata(`${before}${utf8(text).toString('utf8')}${after}`));

  it('puts the bytes in as they are, between the texts around them', () => {
    const bytes = utf8('<p>“Été” ✓ 😀</p>');
    const parts = cdataParts('<figure>lead</figure>', bytes, '<aside>fix</aside>');
    expect(parts).toEqual(['<![CDATA[<figure>lead</figure>', bytes, '<aside>fix</aside>]]>']);
    expect(parts[1]).toBe(bytes);
    expect(written(parts)).toEqual(
      expected('<figure>lead</figure>', '<p>“Été” ✓ 😀</p>', '<aside>fix</aside>'),
    );
    expect(written(cdataParts('', utf8('<p>x]</p>'), ''))).toEqual(expected('', '<p>x]</p>', ''));
  });

  it('splits every ]]> as text, wherever the parts meet', () => {
    const cases: [string, string, string][] = [
      ['', '<p>x]]>y</p>', ''],
      ['', '<p>x]]', '>tail'],
      ['', '<p>x]', ']>tail'],
      ['lead]]', '>body', ''],
      ['lead]', ']>body', ''],
      ['', '<p>x</p>', 'a]]>b'],
      ['a]]>b', '<p>x</p>', ''],
    ];
    for (const [before, text, after] of cases) {
      const parts = cdataParts(before, utf8(text), after);
      expect(parts, text).toHaveLength(1);
      expect(written(parts), text).toEqual(expected(before, text, after));
      expect(written(parts).toString()).not.toMatch(/]]>(?!$)(?!<!\[CDATA\[)/);
    }
  });

  it('joins the texts around no bytes as one text: halves of a surrogate pair meet whole', () => {
    const parts = cdataParts('lead \uD83D', Buffer.alloc(0), '\uDE00 notes');
    expect(parts).toEqual(['<![CDATA[lead 😀 notes]]>']);
  });

  it('writes the bytes of cdata of the three joined, for any texts and any stored text', () => {
    const edgy = fc.constantFrom(']', ']]', '>', ']]>', ']>', '\uD800', '\uDC00', '\uFFFD', '');
    const text = fc.array(fc.oneof(fc.string({ unit: 'grapheme-composite' }), edgy), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(text, text, text, (before, middle, after) => {
        const [b, m, a] = [before.join(''), middle.join(''), after.join('')];
        expect(written(cdataParts(b, utf8(m), a))).toEqual(expected(b, m, a));
      }),
      { numRuns: 500 },
    );
  });
});

describe('firstXmlForbidden', () => {
  it('finds the first character XML 1.0 cannot carry, surrogates alone but not in pairs', () => {
    expect(firstXmlForbidden('plain, tab\t, é and 😀')).toBe(-1);
    expect(firstXmlForbidden('ab\u0003c\u0001')).toBe(2);
    expect(firstXmlForbidden('a\uFFFE')).toBe(1);
    expect(firstXmlForbidden('😀 then \uD83D alone')).toBe(8);
    expect(firstXmlForbidden('\uDE00')).toBe(0);
  });

  it('agrees with stripXmlForbidden on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(firstXmlForbidden(text) === -1).toBe(stripXmlForbidden(text).removed === 0);
      }),
    );
  });
});

describe('utf8Scratch', () => {
  it('gives the bytes Buffer.from gives, for any text (lone surrogates as U+FFFD, as Node writes them)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expect(Buffer.compare(utf8Scratch(text), Buffer.from(text, 'utf8'))).toBe(0);
      }),
    );
    for (const text of ['', 'a', '\uD800', 'x\uDC00y', 'é€😀'.repeat(1000)])
      expect(utf8Scratch(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('gives parts that meet between characters the bytes of their join', () => {
    // Any text, cut anywhere but inside a surrogate pair.
    const cuts = fc
      .tuple(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fc.nat(), { maxLength: 8 }))
      .map(([text, at]) => {
        const points = [...new Set(at.map((n) => n % (text.length + 1)))]
          .filter(
            (i) =>
              !/[\uD800-\uDBFF]/.test(text[i - 1] ?? '') || !/[\uDC00-\uDFFF]/.test(text[i] ?? ''),
          )
          .sort((a, b) => a - b);
        return [0, ...points, text.length]
          .slice(1)
          .map((end, k, ends) => text.slice(ends[k - 1] ?? 0, end));
      });
    fc.assert(
      fc.property(cuts, (parts) => {
        expect(Buffer.compare(utf8Scratch(parts), Buffer.from(parts.join(''), 'utf8'))).toBe(0);
      }),
    );
    for (const parts of [[], [''], ['a\uD83D\uDE00', '', 'b\uD800x', '\uDC00']])
      expect(utf8Scratch(parts).equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
  });

  it('gives parts too long for the scratch buffer bytes of their own', () => {
    const parts = ['ü'.repeat(3 * 1024 * 1024), '€'.repeat(2 * 1024 * 1024), '\n'];
    const bytes = utf8Scratch(parts);
    expect(bytes.equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
    utf8Scratch('after');
    expect(bytes.subarray(-1).toString()).toBe('\n');
  });

  it('copies parts encoded already as they are, among parts to encode', () => {
    const text = fc.string({ unit: 'binary-ascii', maxLength: 60 });
    const unit = fc.string({ maxLength: 60 });
    const part = fc.oneof(text, unit, unit.map(utf8Kept));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const whole = Buffer.from(joinParts(parts), 'utf8');
        expect(utf8Scratch(parts).equals(whole)).toBe(true);
        expect(partsBytes(parts)).toBe(whole.length);
      }),
    );
  });

  it('reuses one buffer: the bytes hold only until the next call', () => {
    const first = utf8Scratch('first');
    expect(first.toString()).toBe('first');
    utf8Scratch('other');
    expect(first.toString()).toBe('other');
  });

  it('gives a text too long for the scratch buffer bytes of its own, and grows for a long one', () => {
    const huge = `${'ü'.repeat(4 * 1024 * 1024)}!`;
    const bytes = utf8Scratch(huge);
    expect(bytes.length).toBe(8 * 1024 * 1024 + 1);
    expect(bytes.equals(Buffer.from(huge, 'utf8'))).toBe(true);
    utf8Scratch('after');
    expect(bytes.subarray(-1).toString()).toBe('!');
    const long = '€'.repeat(1024 * 1024);
    expect(utf8Scratch(long).equals(Buffer.from(long, 'utf8'))).toBe(true);
  });
});

describe('reusedBuffer', () => {
  it('gives one buffer while it is large enough, grown once from 64 KiB to the most', () => {
    const take = reusedBuffer(1024 * 1024);
    const first = take(100);
    expect(first.length).toBe(64 * 1024);
    expect(take(64 * 1024)).toBe(first);
    const grown = take(64 * 1024 + 1);
    expect(grown).not.toBe(first);
    expect(grown.length).toBe(1024 * 1024);
    expect(take(10)).toBe(grown);
    expect(take(1024 * 1024)).toBe(grown);
  });

  it('gives a read of more than the most a buffer of its own, each time', () => {
    const take = reusedBuffer(128 * 1024);
    const kept = take(1);
    const big = take(200 * 1024);
    expect(big.length).toBe(200 * 1024);
    expect(take(200 * 1024)).not.toBe(big);
    expect(take(1)).toBe(kept);
  });

  it('starts at the most when the first read needs more than 64 KiB', () => {
    const take = reusedBuffer(512 * 1024);
    const first = take(100 * 1024);
    expect(first.length).toBe(512 * 1024);
    expect(take(3)).toBe(first);
  });
});

describe('lineFeeds', () => {
  it('makes CR LF and a lone CR a LF, and leaves the rest as it is', () => {
    expect(lineFeeds('a\r\nb\rc\n\r\r\nd\u2028e')).toBe('a\nb\nc\n\n\nd\u2028e');
    expect(lineFeeds('no breaks')).toBe('no breaks');
  });
});

describe('collapseWhitespace', () => {
  it('collapses ASCII whitespace and keeps no-break spaces', () => {
    expect(collapseWhitespace('  a \n\t b\u00A0c  ')).toBe('a b\u00A0c');
  });
});

describe('truncateAtWord', () => {
  it('leaves short text alone', () => {
    expect(truncateAtWord('short text', 300)).toBe('short text');
  });
  it('cuts at a word boundary and adds an ellipsis, within the limit', () => {
    const out = truncateAtWord('alpha beta gamma delta epsilon', 20);
    expect(out).toBe('alpha beta gamma…');
    expect(Array.from(out).length).toBeLessThanOrEqual(20);
  });
  it('never splits a surrogate pair', () => {
    expect(truncateAtWord('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
  });
});

describe('escapeHtml', () => {
  it('escapes markup and both quotes with named or decimal references', () => {
    expect(escapeHtml(`a & <b> "c" 'd'`)).toBe('a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;');
  });
  it('escapes an existing entity so it reads back literally', () => {
    expect(escapeHtml('&amp; &#39;')).toBe('&amp;amp; &amp;#39;');
  });
  it('leaves everything else alone, line breaks and non-ASCII included', () => {
    expect(escapeHtml('café\n\t😀 = ok')).toBe('café\n\t😀 = ok');
    expect(escapeHtml('')).toBe('');
  });
});

describe('escapeHtmlText', () => {
  it('escapes &, < and > and leaves quotes as typed', () => {
    expect(escapeHtmlText(`a & <b> "c" 'd'`)).toBe(`a &amp; &lt;b&gt; "c" 'd'`);
  });
  it('escapes an existing entity so it reads back literally', () => {
    expect(escapeHtmlText('&lt;')).toBe('&amp;lt;');
  });
});

describe('compareCodePoints', () => {
  it('puts upper case before lower case, whatever the locale would say', () => {
    expect(compareCodePoints('Z', 'a')).toBe(-1);
    expect(compareCodePoints('a', 'Z')).toBe(1);
    expect(['b', 'a', 'B', 'A'].sort(compareCodePoints)).toEqual(['A', 'B', 'a', 'b']);
  });
  it('puts accented letters after z', () => {
    expect(compareCodePoints('é', 'z')).toBe(1);
    expect(['été', 'zèbre', 'ete', 'Zoo'].sort(compareCodePoints)).toEqual([
      'Zoo',
      'ete',
      'zèbre',
      'été',
    ]);
  });
  it('orders digits before letters and a prefix before the longer string', () => {
    expect(['b', '10', 'ab', '9', 'a'].sort(compareCodePoints)).toEqual([
      '10',
      '9',
      'a',
      'ab',
      'b',
    ]);
  });
  it('gives 0 only for identical strings, so precomposed and decomposed differ', () => {
    expect(compareCodePoints('same', 'same')).toBe(0);
    expect(compareCodePoints('\u00E9', 'e\u0301')).not.toBe(0);
  });
});

describe('formatDate', () => {
  const zones = [
    'America/Toronto',
    'UTC',
    'Asia/Kolkata',
    'Europe/London',
    'Pacific/Chatham',
    'America/St_Johns',
  ];

  // Since 1970 every zone's offset is whole minutes; before standard time (local mean time, as
  // London's -0:01:15 until 1847) date-fns rounds the offset, and `Intl` keeps it exact.
  it('reads as date-fns writes "MMMM d, yyyy, h:mm a O", in any zone, at any hour since 1970', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (date, zone) => {
          const expected = format(date, 'MMMM d, yyyy, h:mm a O', { in: tz(zone) });
          expect(formatDate(date, zone, true)).toBe(expected);
          expect(formatDate(date, zone, false)).toBe(
            format(date, 'MMMM d, yyyy', { in: tz(zone) }),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  // How feedwright wrote an English date with its time until it wrote the day and the time apart:
  // from the parts of one `Intl` format of both.
  const fromParts = (date: Date, zone: string) => {
    const part: Record<string, string> = {};
    const whole = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      month: 'long',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h12',
      timeZoneName: 'shortOffset',
    });
    for (const { type, value } of whole.formatToParts(date)) part[type] = value;
    const offset = part.timeZoneName === 'GMT' ? 'GMT+0' : part.timeZoneName;
    return `${part.month} ${part.day}, ${part.year}, ${part.hour}:${part.minute} ${part.dayPeriod} ${offset?.replace(/(:\d\d):\d\d$/, '$1')}`;
  };

  it('writes what the parts of one Intl format of date and time say, in every zone, since 1800', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1800-01-01T00:00:00Z'),
          max: new Date('2200-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (date, zone) => {
          expect(formatDate(date, zone, true)).toBe(fromParts(date, zone));
        },
      ),
      { numRuns: 1000 },
    );
    // Local mean time, before standard time: seconds in the offset, left out.
    const lmt = new Date('1850-06-01T12:00:00Z');
    expect(formatDate(lmt, 'America/Toronto', true)).toBe('June 1, 1850, 6:42 AM GMT-5:17');
    expect(formatDate(lmt, 'America/Toronto', true)).toBe(fromParts(lmt, 'America/Toronto'));
  });

  it('shows noon, midnight and a zone without offset as a reader expects', () => {
    expect(formatDate(new Date('2026-05-01T12:00:00Z'), 'UTC', true)).toBe(
      'May 1, 2026, 12:00 PM GMT+0',
    );
    expect(formatDate(new Date('2026-11-21T05:00:00Z'), 'America/Toronto', true)).toBe(
      'November 21, 2026, 12:00 AM GMT-5',
    );
    expect(formatDate(new Date('2026-11-21T05:00:00Z'), 'America/Toronto', false)).toBe(
      'November 21, 2026',
    );
  });
});

// Which copy of a string a value holds cannot be seen from JavaScript (strings compare by value):
// what is checked is that sharing never changes a name. The memory it saves was measured with heap
// snapshots (see the commit that added it).
describe('sharedName', () => {
  it('gives back the same text, however it was made', () => {
    expect(sharedName(['Ra', 'in'].join(''))).toBe('Rain');
    expect(sharedName('Rain')).toBe('Rain');
    expect(sharedName('')).toBe('');
    expect(sharedName('Zoe\u0308')).toBe('Zoe\u0308');
  });

  it('gives back any string, also past the names it keeps (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        expect(sharedName(name)).toBe(name);
      }),
      { numRuns: 300 },
    );
    for (let i = 0; i < 210_000; i++) sharedName(`name ${i}`);
    expect(sharedName('name 5')).toBe('name 5');
  });
});

describe('foldName', () => {
  it('folds case and Unicode form, the same every time it is asked', () => {
    const composed = 'Qu\u00e9bec';
    const decomposed = 'Que\u0301bec';
    for (let round = 0; round < 2; round++) {
      expect(foldName(composed)).toBe('qu\u00e9bec');
      expect(foldName(decomposed)).toBe('qu\u00e9bec');
      expect(foldName('POLITICS')).toBe('politics');
    }
  });

  it('folds as normalize and toLowerCase do, for any string (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        const expected = name.normalize('NFC').toLowerCase();
        expect(foldName(name)).toBe(expected);
        expect(foldName(name)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatDate, asked again', () => {
  it('writes the same instant again as it did the first time, apart for each zone, form and language', () => {
    const at = new Date('2026-11-21T05:00:00Z');
    const asked = () => [
      formatDate(at, 'America/Toronto', true),
      formatDate(at, 'America/Toronto', false),
      formatDate(at, 'UTC', true),
      formatDate(at, 'America/Toronto', true, 'fr'),
      formatDate(new Date(at.getTime() + 60_000), 'America/Toronto', true),
    ];
    const first = asked();
    expect(new Set(first).size).toBe(first.length);
    expect(asked()).toEqual(first);
    expect(first[3]).toContain('novembre');
  });
});

describe('fillText', () => {
  it('replaces each placeholder it is given, escaping only the template’s own text', () => {
    const escapeAmp = (t: string) => t.replace(/&/g, '&amp;');
    expect(fillText('{a} & {b} & {c}', { a: '<i>1</i>', b: '&' }, escapeAmp)).toBe(
      '<i>1</i> &amp; & &amp; {c}',
    );
    expect(fillText('{name}{name}', { name: 'x' })).toBe('xx');
    // A key inherited from Object.prototype is not a value.
    expect(fillText('{constructor}', {})).toBe('{constructor}');
  });

  it('puts back exactly the template when given nothing', () => {
    fc.assert(fc.property(fc.string(), (template) => fillText(template, {}) === template));
  });
});

describe('pluralText', () => {
  it('picks the form the language’s plural rules give, with the number written its way', () => {
    const forms = { one: '{n} one', other: '{n} other' };
    expect(pluralText(forms, 1, 'en')).toEqual({ template: '{n} one', n: '1' });
    expect(pluralText(forms, 0, 'en')).toEqual({ template: '{n} other', n: '0' });
    expect(pluralText(forms, 0, 'fr-CA')).toEqual({ template: '{n} one', n: '0' });
    expect(pluralText(forms, 1500, 'en-IN')).toEqual({ template: '{n} other', n: '1,500' });
  });
});

describe('formatLocale', () => {
  it('writes every English the US way, as feedwright always did, and other languages their own', () => {
    expect(formatLocale('en-GB')).toBe('en-US');
    expect(formatLocale('en')).toBe('en-US');
    expect(formatLocale('')).toBe('en-US');
    expect(formatLocale('fr-CA')).toBe('fr-CA');
  });
});

describe('findLanguage and primarySubtag', () => {
  const languages = [{ tag: 'en-CA' }, { tag: 'fr-CA' }, { tag: 'pt-BR' }, { tag: 'pt-PT' }];

  it('finds a language by its tag in any form, or by a primary subtag only one has', () => {
    expect(findLanguage('EN-ca', languages)).toBe(languages[0]);
    expect(findLanguage('fr', languages)).toBe(languages[1]);
    expect(findLanguage('pt', languages)).toBeUndefined();
    expect(findLanguage('fr-FR', languages)).toBeUndefined();
    expect(findLanguage('not a tag!', languages)).toBeUndefined();
  });

  it('gives the primary subtag in lower case', () => {
    expect(primarySubtag('FR-ca')).toBe('fr');
    expect(primarySubtag('de')).toBe('de');
    expect(primarySubtag('en_US')).toBe('en');
  });
});

describe('formatDate in other languages', () => {
  it('writes the date as Intl writes it in that language, in the zone', () => {
    const late = new Date('2026-11-21T03:30:00Z');
    expect(formatDate(late, 'America/Toronto', false, 'fr-CA')).toBe('20 novembre 2026');
    expect(formatDate(late, 'Europe/Paris', false, 'fr')).toBe('21 novembre 2026');
    expect(formatDate(late, 'America/Toronto', true, 'fr-CA')).toBe(
      '20 novembre 2026 à 22 h 30 UTC−5',
    );
    expect(formatDate(late, 'America/Toronto', false, 'en-CA')).toBe('November 20, 2026');
  });
});

describe('countLines', () => {
  it('gives the 1-based line an offset is on', () => {
    expect(countLines('a\nb\nc', 0)).toBe(1);
    expect(countLines('a\nb\nc', 2)).toBe(2);
    expect(countLines('a\nb\nc', 5)).toBe(3);
  });
});

describe('localeOf', () => {
  it('writes dates in the language of the words: English words, English dates', () => {
    expect(localeOf({ tag: 'de', locale: 'en' })).toBe('en');
    expect(localeOf({ tag: 'fr-CA' })).toBe('fr-CA');
    const late = new Date('2026-11-21T03:30:00Z');
    expect(formatDate(late, 'UTC', false, localeOf({ tag: 'de', locale: 'en' }))).toBe(
      'November 21, 2026',
    );
  });
});

describe('utf8Kept', () => {
  it('gives the bytes Buffer.from gives, kept whatever is encoded after them', () => {
    const kept = ['', 'a', 'é€😀', 'x\uD800y', '€'.repeat(50_000)].map((text) => ({
      text,
      bytes: utf8Kept(text),
    }));
    for (let i = 0; i < 2000; i++) utf8Kept(`filler ${i} ${'ü'.repeat(i % 300)}`);
    for (const { text, bytes } of kept)
      expect(Buffer.from(bytes).equals(Buffer.from(text))).toBe(true);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(utf8Text(utf8Kept(text))).toBe(Buffer.from(text, 'utf8').toString('utf8'));
      }),
    );
  });

  it('puts short texts side by side in one slab, and a long one in memory of its own', () => {
    // Three in a row: at most one slab ends among them.
    const [a, b, c] = ['first', 'second', 'third'].map(utf8Kept) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const [one, next] = b.buffer === a.buffer ? [a, b] : [b, c];
    expect(next.buffer).toBe(one.buffer);
    expect(next.byteOffset).toBe(one.byteOffset + one.byteLength);
    const long = utf8Kept('x'.repeat(1 << 20));
    expect(long.buffer).not.toBe(a.buffer);
    expect(long.byteLength).toBe(1 << 20);
  });
});

describe('fileOfParts', () => {
  it('gives the file in its parts, joining them only when its content is read, once', () => {
    const parts = ['<a>', utf8Kept('é'), '</a>\n'];
    const file = fileOfParts('x.xml', parts);
    expect(file).toMatchObject({ path: 'x.xml', parts });
    expect(file.checked).toBeUndefined();
    expect(file.content).toBe('<a>é</a>\n');
    expect(file.content).toBe(file.content);
    expect(fileOfParts('x.xml', parts, true).checked).toBe(true);
  });
});

describe('joinParts', () => {
  it('gives the text of parts, those encoded already decoded', () => {
    expect(joinParts([])).toBe('');
    expect(joinParts(['a', utf8Kept('é😀'), '', utf8Kept(''), 'z'])).toBe('aé😀z');
  });
});
