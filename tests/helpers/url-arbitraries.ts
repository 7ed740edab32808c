/**
 * URLs for property tests of the shortcuts that skip parsing a plain URL: mostly made of plain
 * parts, with now and then one a parser changes (an upper-case or punycode host, an IPv4-like last
 * label, a port, a dot segment, a character to escape, a non-ASCII one) or refuses.
 */
import fc from 'fast-check';

/** Strings mostly of `common` characters, now and then one of `rare` (each may be several). */
const mostly = (common: string, rare: string[], maxLength: number) =>
  fc
    .array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...common), weight: 40 },
        { arbitrary: fc.constantFrom(...rare), weight: 1 },
      ),
      { maxLength },
    )
    .map((parts) => parts.join(''));

const label = mostly('abcdefxyz0189-', ['xn--', 'A', '%41', '_', 'é', '0x', '.', 'ß', 'ﬁ', ''], 12);
const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const ODD = ['%2e', '%', ' ', '\\', '`', '{', '|', '^', '"', '<', '>', '[', ']', 'é', '\t', '\n'];
/** A path (without its first `/`), query or fragment: plain characters, now and then another. */
export const urlPath = mostly(
  "aZ09-._~!$&'()*+,;=:@/",
  ['.', '..', '/./', '/../', '/.', ...ODD],
  20,
);
const query = mostly('aZ09-._~!$&()*+,;=:@/?', ["'", '#', ...ODD], 10);
const fragment = mostly("aZ09-._~!$&'()*+,;=:@/?", ['#', ...ODD], 10);

/** An absolute URL, mostly http(s) and plain. */
export const nearlyPlainUrl = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.constantFrom('http://', 'https://'), weight: 20 },
      {
        arbitrary: fc.constantFrom('HTTP://', 'ftp://', 'file://', 'https:', 'https:///'),
        weight: 1,
      },
    ),
    host,
    fc.oneof(
      { arbitrary: fc.constant(''), weight: 20 },
      { arbitrary: fc.constantFrom(':80', ':443', ':8080', '.', ':', '@'), weight: 1 },
    ),
    fc.oneof(
      { arbitrary: fc.constant('/'), weight: 20 },
      { arbitrary: fc.constant(''), weight: 1 },
    ),
    urlPath,
    fc.option(query.map((q) => `?${q}`)),
    fc.option(fragment.map((f) => `#${f}`)),
  )
  .map(
    ([scheme, name, port, slash, path, q, f]) =>
      `${scheme}${name}${port}${slash}${path}${q ?? ''}${f ?? ''}`,
  );

/** A fragment (`#…`), site path (`/…`) or relative path a post may link to, mostly plain. */
export const nearlyPlainReference = fc.oneof(
  fragment.map((f) => `#${f}`),
  urlPath.map((p) => `/${p}`),
  fc
    .tuple(fc.array(fc.constantFrom('./', '../', '.', '..'), { maxLength: 4 }), urlPath)
    .map(([up, p]) => `${up.join('')}${p}`),
);
