import { describe, expect, it } from 'vitest';
import {
  cdata,
  collapseWhitespace,
  escapeXml,
  stripXmlForbidden,
  truncateAtWord,
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

describe('cdata', () => {
  it('splits every ]]> so the section cannot end early', () => {
    expect(cdata('a]]>b]]>c')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>');
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
