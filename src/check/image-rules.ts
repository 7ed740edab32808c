/**
 * The rules about an item's images: that it has one where the aggregator looks, that the site's
 * own file is large enough (measured, not taken from the feed's width and height), that it is
 * credited, and — for an image on another host — that its size could not be checked.
 */
import type { ImageMeasure } from './measure-image.js';
import { sideOf } from './measure-image.js';
import type { BuiltImage, BuiltItem } from './parse-feed.js';
import type { ImageRole, RuleCheck } from './profiles.js';

const ROLE_NAMES: Record<ImageRole, string> = {
  media: 'Media RSS image (media:content)',
  enclosure: 'enclosure image',
  thumbnail: 'media:thumbnail',
  json: 'JSON Feed image',
  content: '<img> in its text',
};

/** True for the checks `imageProblem` answers. */
export function isImageCheck(check: RuleCheck): boolean {
  return ['image', 'image-size', 'image-credit', 'image-remote'].includes(check.kind);
}

/** The distinct image URLs of `item` in `roles`, in order. */
export function imagesIn(item: BuiltItem, roles: readonly ImageRole[]): string[] {
  const urls = item.images.filter((image) => roles.includes(image.role)).map((i) => i.url);
  return [...new Set(urls)];
}

/** What `item` does wrong by `check`, or undefined; `measured` holds each image URL's size. */
export function imageProblem(
  check: RuleCheck,
  item: BuiltItem,
  measured: ReadonlyMap<string, ImageMeasure>,
): string | undefined {
  switch (check.kind) {
    case 'image': {
      if (imagesIn(item, check.from).length > 0) return undefined;
      const wanted = check.from.map((role) => `no ${ROLE_NAMES[role]}`).join(', ');
      return `it has no image: ${wanted} — give the post an "image" in its front matter`;
    }
    case 'image-size':
      return sizeProblem(check, imagesIn(item, check.from), measured);
    case 'image-credit': {
      const uncredited = item.images.find(
        (image: BuiltImage) => image.role === 'media' && !image.credit,
      );
      if (!uncredited) return undefined;
      return `its image ${uncredited.url} has no photographer credit (media:credit) — add "credit" under "image" in its front matter`;
    }
    case 'image-remote': {
      const urls = imagesIn(item, check.from);
      const all = urls.map((url) => measured.get(url));
      if (urls.length === 0 || !all.every((m) => m?.kind === 'remote')) return undefined;
      return `its image ${urls[0]} is not on this site, so its size could not be checked (check reads no network) — make sure it meets the size rules, or publish it from the site's public folder`;
    }
    default:
      return undefined;
  }
}

function sizeProblem(
  check: Extract<RuleCheck, { kind: 'image-size' }>,
  urls: readonly string[],
  measured: ReadonlyMap<string, ImageMeasure>,
): string | undefined {
  const local = urls.flatMap((url) => {
    const m = measured.get(url);
    return m?.kind === 'local' ? [m] : [];
  });
  if (local.some((image) => sideOf(image, check.side) >= check.minPx)) return undefined;
  const side = check.side === 'shortest' ? 'shortest side' : 'longer side';
  const best = local.sort((a, b) => sideOf(b, check.side) - sideOf(a, check.side))[0];
  if (best) {
    return `its image ${best.path} is ${best.width}×${best.height} px, ${sideOf(best, check.side)} px on its ${side}; at least ${check.minPx} wanted — use a larger image`;
  }
  for (const url of urls) {
    const m = measured.get(url);
    if (m?.kind === 'missing') {
      return `its image ${url} is on this site, but the output has no file ${m.path}: readers see a broken image — put the file in the public folder at that path, or correct "image"`;
    }
    if (m?.kind === 'unreadable') {
      return `its image file ${m.path} cannot be read as an image (${m.problem}) — replace it with a JPEG, PNG or WebP of at least ${check.minPx} px on its ${side}`;
    }
  }
  return undefined; // only images on other hosts: the image-remote rule says so
}
