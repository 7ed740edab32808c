import { describe, expect, it } from 'vitest';
import { droppedEmbeds } from '../../../src/bodies/embeds.js';
import { safeMarkdown } from '../../../src/bodies/safe-markdown.js';

describe('droppedEmbeds', () => {
  it('names every iframe, embed and object of the raw HTML, on its line', () => {
    const tokens = safeMarkdown.parse(
      'Intro.\n\n<iframe width="560" src="https://www.youtube.com/embed/abc" allowfullscreen></iframe>\n\nText <embed src="/a.swf"> inline.\n',
      {},
    );
    expect(droppedEmbeds(tokens).map((p) => [p.line, p.code, p.message])).toEqual([
      [
        3,
        'embed-made-link',
        "the <iframe> of https://www.youtube.com/embed/abc is not carried (feeds and pages run no other site's player); a link to it stands in its place",
      ],
      [
        5,
        'embed-made-link',
        "the <embed> of /a.swf is not carried (feeds and pages run no other site's player); a link to it stands in its place",
      ],
    ]);
  });

  it('finds none in Markdown without them', () => {
    expect(droppedEmbeds(safeMarkdown.parse('<p>Hi</p>\n\n[a](b)', {}))).toEqual([]);
  });
});
