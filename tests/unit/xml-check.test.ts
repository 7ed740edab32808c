import { describe, expect, it } from 'vitest';
import { xmlProblem } from '../../src/xml-check.js';

describe('xmlProblem', () => {
  it('finds nothing wrong with well-formed XML, CDATA split at ]]> included', () => {
    expect(xmlProblem('<rss version="2.0"><channel/></rss>', 'rss')).toBeUndefined();
    expect(xmlProblem('<x><![CDATA[a ]]]]><![CDATA[> b]]>&#x26;</x>')).toBeUndefined();
  });

  it('names what a strict, namespace-aware parser finds', () => {
    expect(xmlProblem('<rss><channel></rss>')).toMatch(/^not well-formed XML: 1:\d+: /);
    expect(xmlProblem('<x>a & b</x>')).toMatch(/^not well-formed XML/);
    expect(xmlProblem('<rss><media:content/></rss>')).toMatch(/unbound namespace prefix/);
    expect(xmlProblem('<x>\u0003</x>')).toMatch(/disallowed character/);
  });

  it('refuses a root element other than the one expected', () => {
    expect(xmlProblem('<feed/>', 'rss')).toBe('root element is <feed>, expected <rss>');
  });
});
