import { describe, expect, it } from 'vitest';
import { markdownToPlainText, splitMore } from '../../../src/bodies/markdown.js';

describe('splitMore', () => {
  it('splits at the first <!--more--> and removes the marker from the body', () => {
    expect(splitMore('a\n<!--more-->\nb')).toEqual({ excerpt: 'a\n', body: 'a\n\nb' });
    expect(splitMore('no marker')).toEqual({ body: 'no marker' });
  });

  it('accepts the marker in any case and with spaces inside the comment', () => {
    expect(splitMore('a<!-- MORE -->b')).toEqual({ excerpt: 'a', body: 'ab' });
    expect(splitMore('a<!--  More\t-->b')).toEqual({ excerpt: 'a', body: 'ab' });
  });

  it('removes only the first marker and leaves later ones in the body', () => {
    expect(splitMore('a<!--more-->b<!--more-->c')).toEqual({
      excerpt: 'a',
      body: 'ab<!--more-->c',
    });
  });

  it('gives an empty excerpt when the marker comes first, and the body without it', () => {
    expect(splitMore('<!--more-->rest')).toEqual({ excerpt: '', body: 'rest' });
  });

  it('ignores comments that are not the marker', () => {
    expect(splitMore('a<!-- more to come -->b<!--moreover-->')).toEqual({
      body: 'a<!-- more to come -->b<!--moreover-->',
    });
  });

  it('returns hostile text around the marker unchanged', () => {
    const head = '<script>x</script> & "q" ]]> שלום';
    expect(splitMore(`${head}<!--more-->tail &amp;`)).toEqual({
      excerpt: head,
      body: `${head}tail &amp;`,
    });
  });
});

describe('markdownToPlainText', () => {
  const post = '# Heading\n\nFirst *para* with a [link](https://x.example/).\n\nSecond para.\n';

  it('gives the first paragraph only, skipping a heading before it', () => {
    expect(markdownToPlainText(post, true)).toBe('First para with a link.');
  });

  it('gives every prose block joined by spaces when asked for all of them', () => {
    expect(markdownToPlainText(post, false)).toBe('Heading First para with a link. Second para.');
  });

  it('gives nothing for a heading alone when only the first paragraph is wanted', () => {
    expect(markdownToPlainText('## Only a heading', true)).toBe('');
    expect(markdownToPlainText('## Only a heading', false)).toBe('Only a heading');
  });

  it('keeps inline code and turns soft and hard line breaks into spaces', () => {
    expect(markdownToPlainText('Run `npm <x>` now\nthen wait  \nand see.', true)).toBe(
      'Run npm <x> now then wait and see.',
    );
  });

  it('drops inline HTML tags and images but keeps the text inside tags', () => {
    expect(markdownToPlainText('a <b>bold</b> ![pic](p.png) c', true)).toBe('a bold  c');
  });

  it('skips a paragraph with no text (an image alone) to find the first one with text', () => {
    expect(markdownToPlainText('![pic](p.png)\n\nReal text.', true)).toBe('Real text.');
  });

  it('takes list items, table cells and quotes in order, but never code blocks', () => {
    const source = '- one\n- two\n\n```\ncode()\n```\n\n| h |\n|---|\n| c |\n\n> quote';
    expect(markdownToPlainText(source, false)).toBe('one two h c quote');
    expect(markdownToPlainText(source, true)).toBe('one');
  });

  it('decodes character references to the characters they stand for', () => {
    expect(markdownToPlainText('a &amp; b &lt;c&gt; &quot;d&quot; ]]&gt;', true)).toBe(
      'a & b <c> "d" ]]>',
    );
  });

  it('removes characters XML cannot carry, also when a character reference decodes to one', () => {
    // &#xC; (form feed) is a valid reference in Markdown but forbidden in XML 1.0.
    expect(markdownToPlainText('a&#xC;b &#12;c', true)).toBe('ab c');
    expect(markdownToPlainText('x\uFFFFy\u0001z', false)).toBe('xyz');
  });

  it('keeps right-to-left text as written', () => {
    expect(markdownToPlainText('שלום **עולם**\n\nمرحبا', false)).toBe('שלום עולם مرحبا');
  });

  it('gives an empty string for blank input', () => {
    expect(markdownToPlainText('   \n\n', true)).toBe('');
    expect(markdownToPlainText('', false)).toBe('');
  });
});

describe('plain text never shows what the content drops', () => {
  it('leaves out the text of an inline script, style or iframe', () => {
    const text = markdownToPlainText(
      'Before <script>alert(1)</script> after <style>p{}</style> and <iframe src="x">fallback</iframe> end.',
      true,
    );
    expect(text).toBe('Before  after  and  end.');
  });
});
