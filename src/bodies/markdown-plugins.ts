/**
 * What real posts use beyond CommonMark, on both Markdown instances alike: an `id` on every
 * heading (so `[see below](#results)` and links from elsewhere land), and footnotes (`[^1]`).
 */
import type { MarkdownIt, PluginSimple } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import footnote from 'markdown-it-footnote';
import { lineFeeds } from '../text.js';

/** Ids the page around a story uses itself: a heading never takes one of them. */
const PAGE_IDS = new Set(['main', 'subscribe', 'subscribe-heading', 'latest-heading']);

/**
 * A heading's id as GitHub and Hugo make it: lower case, spaces to `-`, punctuation dropped,
 * letters of any script kept (`## Élection 2026 : résultats` → `élection-2026--résultats`).
 */
export function headingId(text: string): string {
  const id = text
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
  return PAGE_IDS.has(id) ? `${id}-section` : id || 'section';
}

/**
 * What any link linkify-it finds needs somewhere in the text: a scheme's `:` (`http:`,
 * `mailto:`) or `//`, an e-mail's `@`, or a dot with something after it (the `.tld` of
 * `example.com`, or of an IP address).
 */
const MAY_HOLD_LINK = /[:@]|\/\/|\.\S/;

/**
 * Skips linkify-it's own tests on text that cannot pass them. markdown-it asks `pretest` of every
 * paragraph and `test` of every run of text in those it lets through, and most prose holds no
 * link: their search (a long Unicode pattern tried at every position) was a fifth of parsing a
 * news story, and `pretest` alone a third of rendering the benchmark's. The answers are the same
 * for every text (property tests hold each to that); only the cost changes. The shortcuts hold for
 * the schemes and TLDs linkify-it has now, every scheme with a `:` or `//`: once they change (it
 * then makes new patterns), its own tests answer, since a scheme of its user's may have neither.
 */
function quickLinkTest(md: MarkdownIt): void {
  const linkify = md.linkify;
  const test = linkify.test.bind(linkify);
  const pretest = linkify.pretest.bind(linkify);
  const known = linkify.re as { schema_test?: RegExp; host_fuzzy_test?: RegExp };
  const { schema_test: scheme, host_fuzzy_test: host } = known;
  if (!scheme || !host) return;
  linkify.test = (text: string) =>
    linkify.re === known ? MAY_HOLD_LINK.test(text) && test(text) : test(text);
  // `pretest` is one pattern of three parts, `schema_test | host_fuzzy_test | @`. Tried one by
  // one, only a scheme's (the costly one: what comes before a scheme is checked at every
  // position) needs its `:` or `//` in the text first: a tenth of the time, the same answer.
  linkify.pretest = (text: string) => {
    if (linkify.re !== known) return pretest(text);
    return (
      text.includes('@') ||
      host.test(text) ||
      ((text.includes(':') || text.includes('//')) && scheme.test(text))
    );
  };
}

/**
 * The footnote plugin as markdown-it's ES module types name a plugin: its types are written
 * against the CommonJS ones, which differ in helpers no plugin reaches (`utils.isPunctCharCode`).
 */
const footnotes = footnote as unknown as PluginSimple;

/**
 * A link or image address `normalizeLink` gives back as it is: an http(s) URL of a plain host
 * (and port) and a path, query and fragment of characters it neither escapes nor reads as a user
 * or host, or a relative address of those characters that cannot be taken for a scheme or a host
 * (no `:`, no `@`, not opening with `//`). No `%`, which it checks for an escape.
 */
const PLAIN_LINK =
  /^(?:https?:\/\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::[0-9]+)?(?:[/?#][A-Za-z0-9\-._~/?#!$&'()*+,;=:]*)?|(?!\/\/)[A-Za-z0-9\-._~/?#!$&'()*+,;=]*)$/;

/**
 * Skips markdown-it's `normalizeLink` for a plain address (`PLAIN_LINK`), which it would give back
 * unchanged after parsing it, mapping its host to punycode, writing it out and escaping it again:
 * ~40 µs a post, ~2 % of a cold build's CPU, for the benchmark's links and images. Any other
 * address is its to normalize; a property test holds the two to the same answers.
 */
function quickNormalizeLink(md: MarkdownIt): void {
  const normalize = md.normalizeLink;
  md.normalizeLink = (url) => (PLAIN_LINK.test(url) ? url : normalize(url));
}

export function withPlugins(md: MarkdownIt): MarkdownIt {
  quickLinkTest(md);
  quickNormalizeLink(md);
  md.core.ruler.at('normalize', normalizeLines);
  md.use(anchor, { slugify: headingId, tabIndex: false }).use(footnotes);
  md.core.ruler.before('anchor', 'heading_ids_used', headingIdsUsed);
  return md;
}

/** What CommonMark turns into a line feed (`\r\n` or a lone `\r`), or into U+FFFD (NUL). */
const CR_OR_NUL = /[\r\0]/;

/**
 * markdown-it's `normalize` rule, which replaced every line ending of every document with a line
 * feed, and so copied every document: now a document with no `\r` and no NUL — any written on
 * Linux or macOS, and every post whose line endings were made `\n` when it was read — is left as
 * it is, which is what replacing gave. (This and the heading ids below were ~16 % of parsing the
 * benchmark's posts, ~10 % now; a test holds the tokens to markdown-it's own rule's.)
 */
export function normalizeLines(state: { src: string }): void {
  if (!CR_OR_NUL.test(state.src)) return;
  state.src = lineFeeds(state.src).replace(/\0/g, '\uFFFD');
}

/**
 * Gives each document the record of the heading ids it used that markdown-it-anchor documents
 * (`env.markdownItAnchor.slugs`), as an object with no prototype: its own `{}` was an object
 * growing one property per id, and every new id a new hidden class for V8 to look up — and a
 * heading whose id is `__proto__` was never recorded (setting it on `{}` sets the prototype), so
 * two of them were given the same id. An `env` that brings its own record keeps it.
 */
function headingIdsUsed(state: { env: { markdownItAnchor?: { slugs?: object } } }): void {
  state.env.markdownItAnchor ??= {};
  state.env.markdownItAnchor.slugs ??= Object.create(null);
}
