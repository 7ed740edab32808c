import { type Diagnostic, removedCharacters } from '../diagnostics.js';
import { lineFeeds, stripXmlForbidden } from '../text.js';
import { MAX_POST_BYTES, megabytes } from './read-source.js';

/** A body larger than this (1 MB) is a warning: Google News takes no larger article. */
export const LARGE_POST_BYTES = 1_000_000;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export type DecodeResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/** Strict UTF-8, BOM dropped, CRLF and CR turned into LF so line numbers match editors. */
export function decodeSource(bytes: Uint8Array, file: string): DecodeResult {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = countLines(bytes, offset);
    return {
      ok: false,
      diagnostic: {
        severity: 'error',
        code: 'not-utf8',
        file,
        line,
        message: `the file is not valid UTF-8 (byte ${offset})`,
        fix: 'save the file as UTF-8 in your editor',
      },
    };
  }
  return { ok: true, text: lineFeeds(text) };
}

/** A body read from disk: strict UTF-8, LF line endings, no characters XML cannot carry. */
export function decodeBody(
  bytes: Uint8Array,
  display: string,
  bodyLine?: number,
): { body?: string; diagnostics: Diagnostic[] } {
  const decoded = decodeSource(bytes, display);
  if (!decoded.ok) {
    const line = decoded.diagnostic.line;
    return {
      diagnostics: [
        {
          ...decoded.diagnostic,
          ...(line !== undefined && bodyLine !== undefined ? { line: line + bodyLine - 1 } : {}),
        },
      ],
    };
  }
  const cleaned = cleanBody(decoded.text, display, bodyLine);
  if (bytes.length > LARGE_POST_BYTES)
    cleaned.diagnostics.unshift(largePost(bytes.length, display));
  return cleaned;
}

function largePost(bytes: number, display: string): Diagnostic {
  return {
    severity: 'warning',
    code: 'post-large',
    file: display,
    field: 'body',
    message: `the body is ${megabytes(bytes)}, more than the ${megabytes(LARGE_POST_BYTES)} Google News takes of an article (a post may be at most ${megabytes(MAX_POST_BYTES)})`,
    fix: 'split it into several posts, and put images and other files in public/ and link to them',
  };
}

/** Removes what XML cannot carry from a body, with a warning that says so. */
export function cleanBody(
  text: string,
  display: string,
  bodyLine?: number,
): { body: string; diagnostics: Diagnostic[] } {
  const { text: body, removed } = stripXmlForbidden(text);
  const diagnostics: Diagnostic[] =
    removed > 0
      ? [
          {
            severity: 'warning',
            file: display,
            ...(bodyLine !== undefined ? { line: bodyLine } : {}),
            field: 'body',
            ...removedCharacters(removed),
          },
        ]
      : [];
  return { body, diagnostics };
}

/** 1-based line of byte `end`, counting LF, CRLF and a lone CR as one break each (as decoding does). */
function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629 §4). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const extra =
      lead < 0x80 ? 0 : lead < 0xc2 ? -1 : lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : lead < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    const second = bytes[i + 1] ?? 0;
    const overlongOrSurrogate =
      (lead === 0xe0 && second < 0xa0) ||
      (lead === 0xed && second > 0x9f) ||
      (lead === 0xf0 && second < 0x90) ||
      (lead === 0xf4 && second > 0x8f);
    if (overlongOrSurrogate) return i;
    i += extra + 1;
  }
  return bytes.length;
}
