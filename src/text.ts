/** Text rules shared by every stage: what XML 1.0 can carry, how XML and HTML are escaped, how names compare, how dates read. */
import type { OutputFile, TextPart } from './model.js';

// XML 1.0 §2.2 Char: no C0 controls but tab/LF/CR, no U+FFFE/U+FFFF, no unpaired surrogates.
const XML_FORBIDDEN =
  /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Any character that may be one XML 1.0 cannot carry (a surrogate may be one of a pair). */
const MAYBE_FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Where the first character XML 1.0 cannot carry is in `text`, or -1. */
export function firstXmlForbidden(text: string): number {
  // `search` starts at the beginning whatever the global pattern last matched.
  return MAYBE_FORBIDDEN.test(text) ? text.search(XML_FORBIDDEN) : -1;
}

/** Removes the characters XML 1.0 cannot carry; `removed` counts them so callers can warn. */
export function stripXmlForbidden(text: string): { text: string; removed: number } {
  // Almost all text has nothing to remove; the full pattern (with look-arounds) is slower.
  if (!MAYBE_FORBIDDEN.test(text)) return { text, removed: 0 };
  let removed = 0;
  const cleaned = text.replace(XML_FORBIDDEN, () => {
    removed++;
    return '';
  });
  return { text: cleaned, removed };
}

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&#x26;',
  '<': '&#x3C;',
  '>': '&#x3E;',
  '"': '&#x22;',
  '\r': '&#xD;',
  '\n': '&#xA;',
  '\t': '&#x9;',
};

/**
 * Escapes text for an XML text node or a double-quoted attribute. Hexadecimal references,
 * because the W3C validator warns on `&amp;`/`&lt;` in RSS titles; CR, LF and tab too, or
 * parsers would normalise them (CR to LF; all three to spaces in attributes).
 */
export function escapeXml(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(/[&<>"\r\n\t]/g, (c) => TEXT_ESCAPES[c] ?? c) : text;
}

// Most texts hold nothing to escape: a test first, then a replace only when there is something,
// takes less than half the time of the replace alone (a listing page escapes ~300 texts).
const XML_SPECIAL = /[&<>"\r\n\t]/;
const HTML_SPECIAL = /[&<>"']/;
const HTML_TEXT_SPECIAL = /[&<>]/;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value (the pages). */
export function escapeHtml(text: string): string {
  return HTML_SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c) : text;
}

/**
 * Escapes text for an HTML text node only: quotes stay as typed. For plain text a feed carries as
 * HTML (the RSS description), where `&quot;` would only add noise.
 */
export function escapeHtmlText(text: string): string {
  return HTML_TEXT_SPECIAL.test(text) ? text.replace(/[&<>]/g, (c) => HTML_ESCAPES[c] ?? c) : text;
}

/** `text` as a regular expression that matches it and nothing else. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

/** Wraps HTML in CDATA, splitting every `]]>` so the section can never end early. */
export function cdata(html: string): string {
  return `${CDATA_OPEN}${html.replaceAll(CDATA_CLOSE, ']]]]><![CDATA[>')}${CDATA_CLOSE}`;
}

/**
 * `cdata(before + text + after)` in parts (see `utf8Scratch`), where `text` is `bytes` decoded:
 * the bytes go in as they are, not decoded to be encoded again. `bytes` must be UTF-8 as Node
 * encodes a string (no text decoded from it starts with half a surrogate pair or ends with one,
 * so no pair can form across the parts). One part of text where the section must be split (a
 * `]]>` in it, or one that may form where the parts meet), or where `before` and `after` would
 * meet with nothing between them.
 */
export function cdataParts(before: string, bytes: Buffer, after: string): TextPart[] {
  // With no `]` around them, a `]]>` can only be in the bytes, or end where `after` starts.
  const whole =
    bytes.length === 0 ||
    before.includes(']') ||
    after.includes(']') ||
    bytes.includes(CDATA_CLOSE) ||
    (bytes.at(-1) === RIGHT_BRACKET && after.startsWith('>'));
  if (whole) return [cdata(`${before}${utf8Text(bytes)}${after}`)];
  return [`${CDATA_OPEN}${before}`, bytes, `${after}${CDATA_CLOSE}`];
}

const RIGHT_BRACKET = 0x5d;

/** Texts up to this many UTF-16 units are encoded into the thread's scratch buffer (3 bytes each at most). */
const SCRATCH_UNITS = 4 * 1024 * 1024;
let scratch: Buffer | undefined;

/**
 * The UTF-8 bytes of `text`, in a buffer this thread reuses: valid only until the next call, for
 * writing and hashing them at once, never to be kept. Encoding into memory already in use takes
 * half the time of `Buffer.from`, which allocates fresh memory for every file (a cold build of
 * 1,000 posts writes 130 MB of feeds and pages); a text too long for the buffer gets its own.
 *
 * `text` may come in parts, encoded one after another as if joined (see `OutputFile.parts`): a
 * document put together from parts is never copied into one string. Joined, or with a newline
 * concatenated, V8 copies it into memory it has just mapped before encoding it, which takes
 * about three times as long as the encoding (185 MB of feeds: 106 ms flat, 434 ms with a newline
 * concatenated). Parts must meet between characters (a feed document's meet between elements, and
 * around a full text's bytes: see `cdataParts`): a surrogate pair cut in two would be written as
 * two U+FFFD, as Node writes any lone surrogate.
 */
export function utf8Scratch(text: string | readonly TextPart[]): Buffer {
  const parts = typeof text === 'string' ? [text] : text;
  // Parts encoded already (see `utf8Kept`) are copied as they are.
  let units = 0;
  let bytes = 0;
  for (const part of parts)
    if (typeof part === 'string') units += part.length;
    else bytes += part.byteLength;
  if (units > SCRATCH_UNITS && typeof text === 'string') return Buffer.from(text, 'utf8');
  const need = units * 3 + bytes;
  const into = need > SCRATCH_UNITS * 3 ? Buffer.allocUnsafe(need) : scratchOf(need);
  let at = 0;
  for (const part of parts)
    if (typeof part === 'string') at += into.write(part, at, 'utf8');
    else {
      into.set(part, at);
      at += part.byteLength;
    }
  return into.subarray(0, at);
}

/**
 * A buffer this thread reuses for reading up to `most` bytes at a time: `(bytes)` gives it (grown
 * from 64 KiB to `most` when first needed), valid until the next call — read into it and decode
 * or hash at once. More than `most` bytes get a buffer of their own. A fresh buffer for every read
 * of more than 4 KiB costs an allocation each, and its memory is freed only by the collector.
 */
export function reusedBuffer(most: number): (bytes: number) => Buffer {
  let buffer: Buffer | undefined;
  return (bytes) => {
    if (buffer && bytes <= buffer.length) return buffer;
    if (bytes > most) return Buffer.allocUnsafe(bytes);
    buffer = Buffer.allocUnsafeSlow(buffer || bytes > 64 * 1024 ? most : Math.min(64 * 1024, most));
    return buffer;
  };
}

/** Texts this thread keeps encoded (`utf8Kept`) are written into slabs of this many bytes. */
const SLAB_BYTES = 1 << 20;
let slab: Buffer | undefined;
let slabAt = 0;

/**
 * The UTF-8 bytes of `text`, to keep: a text written into many files (a feed item, in every
 * document that shows it) is encoded once, and each file copies its bytes. Short texts share a
 * slab of memory, which is freed once none of them is kept, as `Buffer.from` shares its pool
 * (but it allocates anew for any text of more than 4 KB, and each allocation costs about as much
 * as the encoding).
 */
export function utf8Kept(text: string): Uint8Array {
  const most = text.length * 3;
  if (most > SLAB_BYTES / 8) return Buffer.from(text, 'utf8');
  if (!slab || slabAt + most > slab.length) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabAt = 0;
  }
  const written = slab.write(text, slabAt, 'utf8');
  const bytes = slab.subarray(slabAt, slabAt + written);
  slabAt += written;
  return bytes;
}

/** The text of `parts` (see `OutputFile.parts`), those encoded already decoded. */
export function joinParts(parts: readonly TextPart[]): string {
  let text = '';
  for (const part of parts) text += typeof part === 'string' ? part : utf8Text(part);
  return text;
}

/**
 * A file given in the parts it was put together from (see `OutputFile.parts`): the writer checks
 * and encodes them one after another, and `content` is their join, made only if read. `checked`:
 * checked as it was put together, so the writer need not parse it again.
 */
export function fileOfParts(path: string, parts: readonly TextPart[], checked?: true): OutputFile {
  let joined: string | undefined;
  return {
    path,
    parts,
    ...(checked ? { checked } : {}),
    get content() {
      joined ??= joinParts(parts);
      return joined;
    },
  };
}

/** The UTF-8 bytes of `parts` (see `OutputFile.parts`), counted without encoding any. */
export function partsBytes(parts: readonly TextPart[]): number {
  let bytes = 0;
  for (const part of parts)
    bytes += typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.byteLength;
  return bytes;
}

/** UTF-8 bytes as text. */
export function utf8Text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function scratchOf(bytes: number): Buffer {
  if (!scratch || scratch.length < bytes)
    scratch = Buffer.allocUnsafeSlow(Math.min(Math.max(bytes, 1 << 20), SCRATCH_UNITS * 3));
  return scratch;
}

/**
 * `text` with each CR LF, and each CR alone, made a LF: line endings as CommonMark and editors
 * count them.
 */
export function lineFeeds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Collapses runs of ASCII whitespace to one space and trims them. Other spaces (no-break,
 * thin, ideographic) are typography a writer chose, and stay.
 */
const NEEDS_COLLAPSE = /[\t\n\r\f]| {2}|^ | $/;

export function collapseWhitespace(text: string): string {
  if (!NEEDS_COLLAPSE.test(text)) return text;
  return text.replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, '');
}

/** Cuts at a word boundary so that the result, with its ellipsis, is at most `max` characters. */
export function truncateAtWord(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  const lastSpace = head.lastIndexOf(' ');
  const cut = lastSpace > max / 2 ? head.slice(0, lastSpace) : head;
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}

/** How names (categories, tags) compare: case-insensitively, after Unicode normalisation. */
export function foldName(name: string): string {
  // The same few hundred names come back for every post that uses them: each is folded once.
  return remembered(foldedNames, 100_000, name, folded);
}

/** `name` folded (see `foldName`). */
const folded = (name: string): string => name.normalize('NFC').toLowerCase();

/** Names as `foldName` folded them. */
const foldedNames = new Map<string, string>();

/**
 * The one copy of a name (a category, tag, byline or language) that every post writing it keeps:
 * each post's own copy — parsed, copied from another thread or decoded from the cache — would
 * otherwise live as long as the post.
 */
export function sharedName(name: string): string {
  return remembered(sharedNames, 200_000, name, itself);
}

const itself = (name: string): string => name;

/** Names as `sharedName` shares them. */
const sharedNames = new Map<string, string>();

/**
 * What `make` gives for `key`, made the first time and kept in `kept` (emptied when it holds
 * `most`, so a long-lived process stays bounded). `make` takes the key rather than closing over
 * it: a closure made for every call (every name of every post, several times a build) was ~100
 * bytes of garbage each: 45 % of what making a site's items allocated.
 */
function remembered(
  kept: Map<string, string>,
  most: number,
  key: string,
  make: (key: string) => string,
): string {
  let value = kept.get(key);
  if (value === undefined) {
    if (kept.size >= most) kept.clear();
    value = make(key);
    kept.set(key, value);
  }
  return value;
}

/** Locale-independent order by UTF-16 code units, so every machine sorts the same way. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `template` with each `{name}` replaced by `values[name]` (a name it is not given stays as it
 * is). `escapeText` applies to the template's own text, not to the values: for HTML, pass values
 * already escaped.
 */
export function fillText(
  template: string,
  values: Readonly<Record<string, string>>,
  escapeText: (text: string) => string = (text) => text,
): string {
  let out = '';
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const value = Object.hasOwn(values, match[1] as string)
      ? values[match[1] as string]
      : undefined;
    if (value === undefined) continue;
    out += escapeText(template.slice(last, match.index)) + value;
    last = match.index + match[0].length;
  }
  return out + escapeText(template.slice(last));
}

/** The form of a text that depends on a number, with the number in it, as `locale` writes it. */
export function pluralText(
  forms: { one: string; other: string },
  n: number,
  locale: string,
): { template: string; n: string } {
  const { plural, number } = numberRules(locale);
  const form = plural.select(n) === 'one' ? forms.one : forms.other;
  return { template: form, n: number.format(n) };
}

const numberFormats = new Map<string, { plural: Intl.PluralRules; number: Intl.NumberFormat }>();

/** A locale's plural rules and number format (cached: making them costs more than using them). */
function numberRules(locale: string) {
  let rules = numberFormats.get(locale);
  if (!rules) {
    rules = {
      plural: new Intl.PluralRules(locale),
      number: new Intl.NumberFormat(formatLocale(locale)),
    };
    numberFormats.set(locale, rules);
  }
  return rules;
}

/**
 * The locale dates and numbers are written in: the tag itself, but English is always written the
 * US way ("November 20, 2026", "1,234"), as feedwright always wrote it.
 */
export function formatLocale(tag: string): string {
  return primarySubtag(tag) === 'en' || tag === '' ? 'en-US' : tag;
}

/**
 * The one of `languages` that `tag` names: the same tag (in any case or form), else the only one
 * with its primary subtag when `tag` has no region ("fr" names "fr-CA"; "fr-FR" does not).
 */
export function findLanguage<L extends { tag: string }>(
  tag: string,
  languages: readonly L[],
): L | undefined {
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag.trim())[0] ?? tag;
  } catch {
    return undefined;
  }
  const exact = languages.find((l) => l.tag.toLowerCase() === canonical.toLowerCase());
  if (exact || canonical.includes('-')) return exact;
  const same = languages.filter((l) => primarySubtag(l.tag) === primarySubtag(canonical));
  return same.length === 1 ? same[0] : undefined;
}

/** The locale a language's dates and numbers are written in (see `Language.locale`). */
export function localeOf(language: { tag: string; locale?: string }): string {
  return language.locale ?? language.tag;
}

/** `fr-CA` → `fr` (`en_US`, as some feeds write it, → `en`). */
export function primarySubtag(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? tag).toLowerCase();
}

/** The 1-based line of `text` that offset `end` is on. */
export function countLines(text: string, end: number): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date as pages and notes show it, in `timezone` and `language`: "November 20, 2026", with the
 * time "November 20, 2026, 10:30 PM GMT-5"; in French "20 novembre 2026 à 22 h 30 UTC−5". The
 * built-in `Intl` (no library to load on a build that finds its output up to date). An English
 * date with its time is put together here, as feedwright always wrote it, since how `Intl` joins
 * the two ("at", a comma) differs between ICU versions; the rest is written as `Intl` writes it.
 */
export function formatDate(
  date: Date,
  timezone: string,
  withTime: boolean,
  language = 'en',
): string {
  // A story's date is written on its page and on every listing page that shows it. Kept by
  // instant, a number, in a table per zone, language and form: no key to write for each date.
  const written = datesWritten(timezone, language, withTime);
  const instant = date.getTime();
  let text = written.get(instant);
  if (text === undefined) {
    if (written.size >= 200_000) written.clear();
    text = writeDate(date, timezone, withTime, language);
    written.set(instant, text);
  }
  return text;
}

/** Dates as `formatDate` wrote them, by zone, then language, then form (day, day and time). */
const writtenDates = new Map<string, Map<string, [Map<number, string>, Map<number, string>]>>();

/** The dates written in one zone, language and form, by instant. */
function datesWritten(timezone: string, language: string, withTime: boolean): Map<number, string> {
  let byLanguage = writtenDates.get(timezone);
  if (!byLanguage) {
    byLanguage = new Map();
    writtenDates.set(timezone, byLanguage);
  }
  let forms = byLanguage.get(language);
  if (!forms) {
    forms = [new Map(), new Map()];
    byLanguage.set(language, forms);
  }
  return forms[withTime ? 1 : 0];
}

function writeDate(date: Date, timezone: string, withTime: boolean, language: string): string {
  const locale = formatLocale(language);
  // A day alone ("November 20, 2026") is written as `Intl` writes it in every language: five
  // times cheaper than taking the parts of a date with its time, and every listing shows one.
  if (locale !== 'en-US' || !withTime)
    return localFormat(locale, timezone, withTime ? 'day and time' : 'day').format(date);
  // In English, that day, then the time with its zone written alone ("10:30 PM GMT-5"): two
  // `format`s cost half of taking the parts of both at once (2.4 µs a date against 5.0).
  const day = localFormat(locale, timezone, 'day').format(date);
  const clock = localFormat(locale, timezone, 'clock');
  // One space between the parts (some ICU versions put a narrow no-break one before "PM"),
  // "GMT+0" for no offset, and no seconds (a local mean time before 1900 has them: "GMT-5:17:32").
  const time = clock
    .format(date)
    .replace(/\s+/g, ' ')
    .replace(/ GMT$/, ' GMT+0')
    .replace(/(:\d\d):\d\d$/, '$1');
  return `${day}, ${time}`;
}

/** What a `localFormat` formatter writes of a date: its day, its day and time, or its time. */
type DateForm = 'day' | 'day and time' | 'clock';

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

const DATE_FORMS: Record<DateForm, Intl.DateTimeFormatOptions> = {
  day: DAY,
  'day and time': { ...DAY, hour: 'numeric', minute: '2-digit', timeZoneName: 'shortOffset' },
  // English times as feedwright always wrote them: 12-hour, with the offset.
  clock: { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZoneName: 'shortOffset' },
};

/** A formatter of dates in `locale` (cached: making one costs more than using it). */
function localFormat(locale: string, timeZone: string, form: DateForm): Intl.DateTimeFormat {
  const key = `${locale}\u0000${timeZone}\u0000${form}`;
  let formatter = dateFormats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, ...DATE_FORMS[form] });
    dateFormats.set(key, formatter);
  }
  return formatter;
}
