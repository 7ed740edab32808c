import { describe, expect, it } from 'vitest';
import { imageProblem, imagesIn, isImageCheck } from '../../../src/check/image-rules.js';
import type { ImageMeasure } from '../../../src/check/measure-image.js';
import type { BuiltItem } from '../../../src/check/parse-feed.js';

const SITE = 'https://x.org/';
const measured = new Map<string, ImageMeasure>([
  [`${SITE}big.png`, { kind: 'local', path: 'big.png', width: 1200, height: 900 }],
  [`${SITE}small.png`, { kind: 'local', path: 'small.png', width: 640, height: 360 }],
  [`${SITE}gone.png`, { kind: 'missing', path: 'gone.png' }],
  [`${SITE}text.png`, { kind: 'unreadable', path: 'text.png', problem: 'unsupported file type' }],
  ['https://cdn.org/a.jpg', { kind: 'remote' }],
]);

function item(images: BuiltItem['images']): BuiltItem {
  return { title: 'T', languages: [], images };
}

describe('isImageCheck', () => {
  it('is true for the image checks only', () => {
    expect(isImageCheck({ kind: 'image-credit' })).toBe(true);
    expect(isImageCheck({ kind: 'full-text' })).toBe(false);
  });
});

describe('imagesIn', () => {
  it('is the distinct URLs of the roles asked for', () => {
    const both = item([
      { url: `${SITE}big.png`, role: 'media' },
      { url: `${SITE}big.png`, role: 'enclosure' },
      { url: `${SITE}small.png`, role: 'content' },
    ]);
    expect(imagesIn(both, ['media', 'enclosure'])).toEqual([`${SITE}big.png`]);
    expect(imagesIn(both, ['content'])).toEqual([`${SITE}small.png`]);
  });
});

describe('imageProblem', () => {
  it('image: none where the aggregator looks', () => {
    const check = { kind: 'image', from: ['media'] } as const;
    expect(
      imageProblem(check, item([{ url: `${SITE}big.png`, role: 'media' }]), measured),
    ).toBeUndefined();
    expect(imageProblem(check, item([{ url: `${SITE}big.png`, role: 'content' }]), measured)).toBe(
      'it has no image: no Media RSS image (media:content) — give the post an "image" in its front matter',
    );
    const either = { kind: 'image', from: ['media', 'content'] } as const;
    expect(imageProblem(either, item([]), measured)).toBe(
      'it has no image: no Media RSS image (media:content), no <img> in its text — give the post an "image" in its front matter',
    );
  });

  it('image-size: the measured size against the minimum, on the side asked for', () => {
    const shortest = { kind: 'image-size', from: ['media'], minPx: 800, side: 'shortest' } as const;
    const longest = { kind: 'image-size', from: ['media'], minPx: 640, side: 'longest' } as const;
    const small = item([{ url: `${SITE}small.png`, role: 'media', width: 2000, height: 2000 }]);
    expect(imageProblem(shortest, small, measured)).toBe(
      'its image small.png is 640×360 px, 360 px on its shortest side; at least 800 wanted — use a larger image',
    );
    expect(imageProblem(longest, small, measured)).toBeUndefined();
  });

  it('image-size: one large enough image among several is enough', () => {
    const check = {
      kind: 'image-size',
      from: ['media', 'content'],
      minPx: 800,
      side: 'shortest',
    } as const;
    const two = item([
      { url: `${SITE}small.png`, role: 'media' },
      { url: `${SITE}big.png`, role: 'content' },
    ]);
    expect(imageProblem(check, two, measured)).toBeUndefined();
  });

  it('image-size: a broken or unreadable file, and nothing to say for a remote one', () => {
    const check = { kind: 'image-size', from: ['media'], minPx: 800, side: 'shortest' } as const;
    expect(
      imageProblem(check, item([{ url: `${SITE}gone.png`, role: 'media' }]), measured),
    ).toMatch(
      /^its image https:\/\/x.org\/gone.png is on this site, but the output has no file gone.png: readers see a broken image/,
    );
    expect(
      imageProblem(check, item([{ url: `${SITE}text.png`, role: 'media' }]), measured),
    ).toMatch(/^its image file text.png cannot be read as an image \(unsupported file type\)/);
    const remote = item([{ url: 'https://cdn.org/a.jpg', role: 'media' }]);
    expect(imageProblem(check, remote, measured)).toBeUndefined();
    expect(imageProblem(check, item([]), measured)).toBeUndefined();
  });

  it('image-credit: a Media RSS image without media:credit', () => {
    const check = { kind: 'image-credit' } as const;
    const credited = item([{ url: `${SITE}big.png`, role: 'media', credit: 'Jo' }]);
    expect(imageProblem(check, credited, measured)).toBeUndefined();
    expect(imageProblem(check, item([{ url: `${SITE}big.png`, role: 'media' }]), measured)).toBe(
      `its image ${SITE}big.png has no photographer credit (media:credit) — add "credit" under "image" in its front matter`,
    );
  });

  it('image-remote: only when no image of the roles could be measured', () => {
    const check = { kind: 'image-remote', from: ['media'] } as const;
    const remote = item([{ url: 'https://cdn.org/a.jpg', role: 'media' }]);
    expect(imageProblem(check, remote, measured)).toMatch(
      /^its image https:\/\/cdn.org\/a.jpg is not on this site, so its size could not be checked \(check reads no network\)/,
    );
    const mixed = item([
      { url: 'https://cdn.org/a.jpg', role: 'media' },
      { url: `${SITE}big.png`, role: 'media' },
    ]);
    expect(imageProblem(check, mixed, measured)).toBeUndefined();
    expect(imageProblem(check, item([]), measured)).toBeUndefined();
  });
});
