import { describe, expect, it } from 'vitest';
import {
  cleanBody,
  decodeBody,
  decodeSource,
  LARGE_POST_BYTES,
} from '../../../src/load/decode-source.js';

const FILE = 'posts/a.md';

/** Bytes from a mix of text (UTF-8 encoded) and raw byte values. */
function bytes(...parts: (string | number[])[]): Uint8Array {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
}

function notUtf8(byte: number, line: number) {
  return {
    ok: false,
    diagnostic: {
      severity: 'error',
      code: 'not-utf8',
      file: FILE,
      line,
      message: `the file is not valid UTF-8 (byte ${byte})`,
      fix: 'save the file as UTF-8 in your editor',
    },
  };
}

describe('decodeSource', () => {
  it('decodes UTF-8 text as it is', () => {
    expect(decodeSource(bytes('title: Café ☕ 😀\n'), FILE)).toEqual({
      ok: true,
      text: 'title: Café ☕ 😀\n',
    });
    expect(decodeSource(new Uint8Array(), FILE)).toEqual({ ok: true, text: '' });
  });

  it('drops a byte order mark at the start, and only there', () => {
    expect(decodeSource(bytes([0xef, 0xbb, 0xbf], '---\n'), FILE)).toEqual({
      ok: true,
      text: '---\n',
    });
    expect(decodeSource(bytes('a\uFEFFb'), FILE)).toEqual({ ok: true, text: 'a\uFEFFb' });
  });

  it('turns CRLF and lone CR into LF', () => {
    expect(decodeSource(bytes('a\r\nb\rc\n\r\r\nd'), FILE)).toEqual({
      ok: true,
      text: 'a\nb\nc\n\n\nd',
    });
  });

  it('locates invalid UTF-8 by byte offset and line', () => {
    expect(decodeSource(bytes('ab\ncd\n', [0xff], 'x'), FILE)).toEqual(notUtf8(6, 3));
  });

  it('counts bytes, not characters, before the bad one', () => {
    expect(decodeSource(bytes('é😀\n', [0xc3]), FILE)).toEqual(notUtf8(7, 2));
  });

  it('counts CRLF line breaks as one line each', () => {
    expect(decodeSource(bytes('a\r\nb\r\n', [0x80]), FILE)).toEqual(notUtf8(6, 3));
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong two-byte form', [0xc0, 0x80]],
    ['an overlong two-byte form of ASCII', [0xc1, 0xbf]],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['an overlong four-byte form', [0xf0, 0x80, 0x80, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a lead byte that never starts UTF-8', [0xf5, 0x80, 0x80, 0x80]],
    ['a sequence cut short', [0xe2, 0x82, 0x41]],
    ['a sequence cut short by the end of the file', [0xe2, 0x82]],
    ['a Latin-1 é', [0xe9, 0x74, 0xe9]],
  ])('refuses %s, pointing at its first byte', (_, bad) => {
    expect(decodeSource(bytes('ok\n€\n', bad, '\nmore'), FILE)).toEqual(notUtf8(7, 3));
  });

  it('accepts the largest code points of each length', () => {
    const edges = bytes([0x7f], [0xdf, 0xbf], [0xef, 0xbf, 0xbd], [0xf4, 0x8f, 0xbf, 0xbf]);
    expect(decodeSource(edges, FILE)).toEqual({ ok: true, text: '\x7F\u07FF\uFFFD\u{10FFFF}' });
  });
});

describe('decodeBody', () => {
  it('decodes and cleans a body, with no diagnostics when all is well', () => {
    expect(decodeBody(bytes('Hello\r\nworld\n'), FILE, 5)).toEqual({
      body: 'Hello\nworld\n',
      diagnostics: [],
    });
  });

  it('shifts the line of invalid UTF-8 by the line the body starts on', () => {
    const result = decodeBody(bytes('first\nsecond ', [0xff]), FILE, 10);
    expect(result).not.toHaveProperty('body');
    expect(result.diagnostics).toEqual([notUtf8(13, 11).diagnostic]);
  });

  it('keeps the line of invalid UTF-8 as it is when the start line is unknown', () => {
    expect(decodeBody(bytes('first\nsecond ', [0xff]), FILE).diagnostics).toEqual([
      notUtf8(13, 2).diagnostic,
    ]);
  });

  it('warns about control characters at the body’s first line', () => {
    expect(decodeBody(bytes('a\u0000b\n'), FILE, 4)).toEqual({
      body: 'ab\n',
      diagnostics: [expect.objectContaining({ code: 'control-characters', line: 4 })],
    });
  });
});

describe('decodeBody on a large body', () => {
  it('says nothing of a body of exactly 1,000,000 bytes', () => {
    expect(LARGE_POST_BYTES).toBe(1_000_000);
    expect(decodeBody(bytes('a'.repeat(LARGE_POST_BYTES)), FILE, 5).diagnostics).toEqual([]);
  });

  it('warns about a larger one, naming the file, its size and the limits, before other warnings', () => {
    const body = `\u0007${'é'.repeat(6_000_000)}`; // 12,000,001 bytes
    const result = decodeBody(bytes(body), FILE, 5);
    expect(result.body).toHaveLength(6_000_000);
    expect(result.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'post-large',
        file: FILE,
        field: 'body',
        message:
          'the body is 12.0 MB, more than the 1.0 MB Google News takes of an article (a post may be at most 16.0 MB)',
        fix: 'split it into several posts, and put images and other files in public/ and link to them',
      },
      expect.objectContaining({ code: 'control-characters', line: 5 }),
    ]);
  });
});

describe('cleanBody', () => {
  it('removes characters XML cannot carry, with one warning naming the count and line', () => {
    expect(cleanBody('a\u0000b\u0007\nc\uFFFF\td\u001B', FILE, 7)).toEqual({
      body: 'ab\nc\td',
      diagnostics: [
        {
          severity: 'warning',
          code: 'control-characters',
          file: FILE,
          line: 7,
          field: 'body',
          message: '4 control characters removed (XML cannot carry them)',
          fix: 'delete the invisible characters from the text',
        },
      ],
    });
  });

  it('says "character" for one, and gives no line when it has none', () => {
    const { body, diagnostics } = cleanBody('x\u0001', FILE);
    expect(body).toBe('x');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).not.toHaveProperty('line');
    expect(diagnostics[0]?.message).toBe('1 control character removed (XML cannot carry them)');
  });

  it('leaves clean text alone, tabs, line breaks and emoji included', () => {
    const text = 'a\tb\nc\r\n😀 \u00A0';
    expect(cleanBody(text, FILE, 1)).toEqual({ body: text, diagnostics: [] });
  });
});

describe('decodeSource with old Mac line endings', () => {
  it('locates invalid UTF-8 on the line an editor shows, counting a lone CR as a break', () => {
    const bytes = Buffer.concat([Buffer.from('a\rb\r\nc\r'), Buffer.from([0xff])]);
    const result = decodeSource(bytes, 'posts/x.md');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostic.line).toBe(4);
  });
});
