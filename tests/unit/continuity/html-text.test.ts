import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../src/continuity/html-text.js';

describe('htmlToText', () => {
  it('removes tags and comments and collapses whitespace', () => {
    expect(htmlToText('<em>Rates</em>  <!-- note -->held\n<br/>again')).toBe('Rates held again');
  });

  it('decodes the named references titles use, and numeric ones', () => {
    expect(htmlToText('Fish &amp; Chips &lt;3 &quot;so&quot; &apos;good&apos;')).toBe(
      `Fish & Chips <3 "so" 'good'`,
    );
    expect(htmlToText('It&#8217;s &#x2014; &rsquo;&hellip;&nbsp;')).toBe('It’s — ’…\u00A0');
  });

  it('decodes once: an escaped reference stays a reference', () => {
    expect(htmlToText('&amp;amp; &amp;lt;b&amp;gt;')).toBe('&amp; &lt;b&gt;');
  });

  it('keeps unknown names as written and turns impossible numbers into U+FFFD', () => {
    expect(htmlToText('&bogus; &#0; &#xD800; &#1114112;')).toBe('&bogus; \uFFFD \uFFFD \uFFFD');
  });
});
