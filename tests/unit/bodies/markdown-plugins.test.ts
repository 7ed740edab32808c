import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { headingId, normalizeLines, withPlugins } from '../../../src/bodies/markdown-plugins.js';

describe('headingId', () => {
  it('makes ids as GitHub and Hugo do: lower case, dashes for spaces, punctuation dropped', () => {
    expect(headingId('Hello, World!')).toBe('hello-world');
    expect(headingId('  What’s new in 9.9?  ')).toBe('whats-new-in-99');
    expect(headingId('Élection 2026 : résultats')).toBe('élection-2026--résultats');
    expect(headingId('日本語の見出し')).toBe('日本語の見出し');
    expect(headingId('snake_case and-dash')).toBe('snake_case-and-dash');
  });

  it('never gives an id the page uses, nor an empty one', () => {
    expect(headingId('Main')).toBe('main-section');
    expect(headingId('Subscribe')).toBe('subscribe-section');
    expect(headingId('!!!')).toBe('section');
  });
});

describe('withPlugins', () => {
  it('adds heading ids (unique per document) and footnotes to an instance', () => {
    const md = withPlugins(new MarkdownIt());
    const html = md.render('# A\n\n# A\n\nText[^n].\n\n[^n]: Note.\n');
    expect(html).toContain('<h1 id="a">A</h1>');
    expect(html).toContain('<h1 id="a-1">A</h1>');
    expect(html).toContain('<section class="footnotes">');
    // A second document starts its ids afresh.
    expect(md.render('# A')).toContain('<h1 id="a">A</h1>');
  });

  it('gives every heading its own id, whatever its id is called', () => {
    const md = withPlugins(new MarkdownIt());
    const ids = (text: string, env = {}) =>
      [...md.render(text, env).matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
    // `{}` records no `__proto__` (setting it sets the prototype): the two headings shared one id.
    expect(ids('# `__proto__`\n\n# `__proto__`\n\n# `__proto__`')).toEqual([
      '__proto__',
      '__proto__-1',
      '__proto__-2',
    ]);
    expect(ids('# constructor\n\n# hasOwnProperty\n\n# constructor')).toEqual([
      'constructor',
      'hasownproperty',
      'constructor-1',
    ]);
    // An env that brings its own record (as markdown-it-anchor documents) keeps it, and one
    // record serves every source rendered with it.
    const env = { markdownItAnchor: { slugs: { a: true } } };
    expect(ids('# A', env)).toEqual(['a-1']);
    expect(ids('# A\n\n# B', env)).toEqual(['a-2', 'b']);
    expect(env.markdownItAnchor.slugs).toEqual({ a: true, 'a-1': true, 'a-2': true, b: true });
  });
});

describe("normalizeLines, the Markdown instances' normalize rule", () => {
  it('leaves text with no CR and no NUL as it is, the very string', () => {
    const state = { src: 'one\ntwo\n\nthree – ✓\n' };
    const before = state.src;
    normalizeLines(state);
    expect(state.src).toBe(before);
  });

  it('turns CR LF and a lone CR into LF, and NUL into U+FFFD', () => {
    const state = { src: 'a\r\nb\rc\n\r\r\nd\u0000e' };
    normalizeLines(state);
    expect(state.src).toBe('a\nb\nc\n\n\nd\uFFFDe');
  });

  it("parses any text into the tokens markdown-it's own rule gives (property)", () => {
    const options = { linkify: true, html: true } as const;
    const ours = withPlugins(new MarkdownIt(options));
    const own = withPlugins(new MarkdownIt(options));
    const library = new MarkdownIt(options).core.ruler.getRules('')[0];
    expect(library?.name).toBe('normalize');
    own.core.ruler.at('normalize', library as (state: unknown) => void);
    const part = fc.constantFrom(...'ab #*>-`'.split(''), '\r', '\n', '\r\n', '\0', '\n\n', '```');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 50 }), (parts) => {
        const text = parts.join('');
        expect(ours.parse(text, {}), JSON.stringify(text)).toEqual(own.parse(text, {}));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the quick link test withPlugins gives linkify-it', () => {
  const quick = withPlugins(new MarkdownIt()).linkify;
  const own = new MarkdownIt().linkify;
  const same = (text: string): void => {
    expect(quick.test(text), text).toBe(own.test(text));
    expect(quick.pretest(text), text).toBe(own.pretest(text));
  };

  it('answers as linkify-it does for links of every kind and for prose', () => {
    for (const text of [
      'See example.com today.',
      'www.example.org/path?x=1',
      'Mail desk@news.example.com now',
      'https://example.com and http://a.b',
      '//cdn.example.net/x.js',
      'see //localhost:8080/x',
      'see //localhost/x',
      'mailto:someone@example.com',
      'ftp://files.example.com',
      'An IP 192.168.0.1 and a version 3.5.',
      'сайт.рф и САЙТ.РФ',
      'xn--80ak6aa92e.com',
      'End of a sentence. Next one, with 3.5 percent.',
      'U.S. and e.g. abbreviations',
      'a page on LOCALHOST',
      'type www.',
      'AT&T said so. It did',
      'Nothing here at all',
      '',
    ])
      same(text);
  });

  it('answers as linkify-it does for any text (property)', () => {
    const alphabet = fc.constantFrom(
      ...'aceghlmnoprstwxACMO.-_:/@ 18(<>|｜\u00a0рфРФ'.split(''),
      'localhost',
      'com',
      'xn--',
      'www.',
      'http',
      'mailto',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => same(parts.join(''))),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), same), { numRuns: 1000 });
  });

  it('answers as linkify-it does after its schemes or TLDs change, whatever they are', () => {
    const changed = withPlugins(new MarkdownIt()).linkify;
    const mine = new MarkdownIt().linkify;
    const hashtag = { validate: /^\w+/ };
    for (const linkify of [changed, mine])
      linkify.add('git:', 'http:').add('#', hashtag).tlds('onion', true);
    for (const text of ['see git://host/repo', 'an example.onion site', 'a #tag', 'none', 'a@b']) {
      expect(changed.pretest(text), text).toBe(mine.pretest(text));
      expect(changed.test(text), text).toBe(mine.test(text));
    }
    expect(changed.pretest('see git://x')).toBe(true);
    // A scheme with neither `:` nor `//`.
    expect(changed.pretest('a #tag')).toBe(true);
    expect(changed.test('a #tag')).toBe(true);
  });

  it('renders any Markdown as linkify-it alone would (property)', () => {
    const options = { linkify: true, html: true } as const;
    const fast = withPlugins(new MarkdownIt(options));
    const plain = withPlugins(new MarkdownIt(options));
    // The same instance but for its linkify-it, which is linkify-it's own, unwrapped.
    Object.assign(plain, { linkify: new MarkdownIt(options).linkify });
    const linkifyIt = Object.getPrototypeOf(plain.linkify);
    expect([plain.linkify.pretest, plain.linkify.test]).toEqual([
      linkifyIt.pretest,
      linkifyIt.test,
    ]);
    expect(fast.linkify.pretest).not.toBe(linkifyIt.pretest);
    const part = fc.constantFrom(
      ...'aelmopstw.:/@ 1\n>*[]()&#;'.split(''),
      'localhost',
      'www.',
      'example.com',
      'http://',
      '&#46;',
      '&commat;',
      '\n\n',
      '- ',
      '# ',
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(fast.render(text), text).toBe(plain.render(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the quick normalizeLink withPlugins gives markdown-it', () => {
  const quick = withPlugins(new MarkdownIt());
  const own = new MarkdownIt();
  const same = (url: string): void => {
    expect(quick.normalizeLink(url), url).toBe(own.normalizeLink(url));
  };

  it('leaves a plain address to no parsing, and any other to markdown-it', () => {
    const asked: string[] = [];
    const md = new MarkdownIt();
    const normalize = md.normalizeLink;
    md.normalizeLink = (url) => {
      asked.push(url);
      return normalize(url);
    };
    withPlugins(md);
    const plain = ['https://example.com/a/b?x=1&y=2#top', 'http://a.b:8080', '/img/x.jpg', '#s'];
    for (const url of [...plain, '../other-post/', 'notes.html']) md.normalizeLink(url);
    expect(asked).toEqual([]);
    const other = ['https://example.com/a b', 'mailto:desk@example.com', '//cdn.example/x'];
    for (const url of [...other, 'https://bücher.example/', 'HTTP://A/', 'a%2'])
      md.normalizeLink(url);
    expect(asked).toHaveLength(6);
  });

  it('answers as markdown-it does for addresses of every kind', () => {
    for (const url of [
      'https://example.com/a/b?x=1&y=2#top',
      'https://EXAMPLE.com/A',
      'http://a.b:80/x:y',
      'http://@example.com/',
      'http://user@example.com/',
      'https://xn--bcher-kva.example/',
      'https://bücher.example/ü?q=ä#é',
      'HTTPS://Example.com/',
      'mailto:desk@example.com',
      'mailto:=:1#x',
      'javascript:alert(1)',
      '//cdn.example.net/x.js',
      '/path with space/',
      '/a%20b/%zz',
      '../a/./b/',
      "/a/b(c)!$&'*+,;=~",
      '[x]|{y}^`"<>\\',
      '',
    ])
      same(url);
  });

  it('answers as markdown-it does for any address (property)', () => {
    const label = fc.constantFrom('example', 'EXAMPLE', 'a', 'xn--ls8h', 'b-c', '1', '-x', 'ü');
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join('.'));
    const char = fc.constantFrom(
      ...'aZ09-._~/?#!$&\'()*+,;=:@%[]|"\\^`{}<> é'.split(''),
      '%20',
      'xn--',
      '..',
      '//',
    );
    const rest = fc.array(char, { maxLength: 12 }).map((c) => c.join(''));
    const url = fc.oneof(
      fc
        .tuple(fc.constantFrom('http://', 'https://', 'HTTP://', '//', 'mailto:'), host, rest)
        .map((p) => p.join('')),
      fc.tuple(fc.constantFrom('/', '#', './', '../', '?', ''), rest).map((p) => p.join('')),
      fc.string(),
    );
    fc.assert(fc.property(url, same), { numRuns: 5000 });
  });
});
