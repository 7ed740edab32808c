/**
 * What the site's own lead-image files say of themselves: media type, byte length, width and
 * height, read from the file's first bytes (image-size knows some twenty formats). An image
 * under the site URL with no file in the public folder is a warning, located at the post's
 * `image` key: readers would show a broken image.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.js';
import { lazyPackage } from '../lazy-package.js';
import type { FileAt, ImageFile, ImageReading, Post } from '../model.js';
import { servedPath } from '../urls.js';
import type { Asset } from './discover-assets.js';
import { valueAt } from './front-matter.js';
import { readPostHead } from './read-source.js';

/** image-size's names for the formats feeds carry, as media types. */
const MEDIA_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  avif: 'image/avif',
  heif: 'image/heif',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  ico: 'image/x-icon',
  jxl: 'image/jxl',
};

/**
 * A post with an image, and where its file is (for locating a warning: `file` and `display` are
 * read only then, and may be worked out when read).
 */
export interface ImagePost {
  post: Pick<Post, 'image' | 'imageAt'>;
  readonly file: string;
  readonly display: string;
  /** The image's file as the posts folder was found to hold it, when it is beside the post. */
  beside?: { file: string; size: number; mtimeMs: number };
}

/**
 * Every distinct local lead image's file facts, by URL; a warning for each post whose image
 * the site should have but does not, or whose file is not an image. `measure` reads a file's
 * facts (a build passes one that remembers them while the file's size and mtime stay the same).
 */
export function readImageFiles(
  posts: readonly ImagePost[],
  assets: readonly Asset[],
  siteUrl: string,
  measure: (at: FileAt) => ImageReading = measureImage,
): { images: Map<string, ImageFile>; assets: Asset[]; diagnostics: Diagnostic[] } {
  const byPath = new Map(assets.map((asset) => [asset.path, asset]));
  const images = new Map<string, ImageFile>();
  const copies: Asset[] = [];
  const failed = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const imagePost of posts) {
    const { post, beside } = imagePost; // its file and name only for a warning (see `ImagePost`)
    const url = post.image?.url;
    if (!url || images.has(url)) continue;
    const path = servedPath(url, siteUrl);
    if (path === undefined) continue; // an image elsewhere: nothing to read
    const besidePost = post.image?.source !== undefined;
    const asset = besidePost ? beside && beside.size >= 0 && { ...beside, path } : byPath.get(path);
    let problem = failed.get(url);
    if (!problem && asset) {
      const facts = measure(asset);
      if ('type' in facts) images.set(url, facts);
      else problem = facts.problem;
      // Published beside the post's page, as the public folder's files are at their paths.
      if (besidePost && 'type' in facts) copies.push(asset);
    } else if (!problem) {
      problem = besidePost
        ? `there is no file ${post.image?.source} beside the post`
        : `there is no file public/${path}`;
    }
    if (!problem) continue;
    failed.set(url, problem);
    const fix = besidePost
      ? 'put the file next to the post, or correct image:'
      : 'put the file in public/ at that path, or correct image:';
    const at = post.imageAt ?? imageLocation(imagePost.file);
    diagnostics.push(missingImage(imagePost.display, at, { url, problem, fix }));
  }
  // The files to publish as they are: the public folder's, then the images beside their posts.
  return { images, assets: [...assets, ...copies], diagnostics };
}

/** image-size, loaded by the first local image file a build measures. */
const imageSizePackage = lazyPackage<typeof import('image-size')>('image-size');

/** How much of a file is read first; a JPEG with a large EXIF block may need more. */
const FIRST_READ = 64 * 1024;
const MOST_READ = 1024 * 1024;

/** `imageFacts` of a file as found on disk. */
export function measureImage(at: FileAt): ImageReading {
  return imageFacts(at.file, at.size);
}

/** An image file's type, length and size, or why it cannot be read as an image. */
export function imageFacts(file: string, length: number): ImageReading {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    for (let want = FIRST_READ; ; want *= 4) {
      const bytes = Buffer.alloc(Math.min(want, length));
      const read = readSync(fd, bytes, 0, bytes.length, 0);
      try {
        const size = imageSizePackage().imageSize(bytes.subarray(0, read));
        const type = size.type && MEDIA_TYPES[size.type];
        if (!type)
          return {
            problem: `its file is a ${size.type ?? 'unknown'} image, which feeds do not carry`,
          };
        // EXIF orientations 5 to 8 turn the picture a quarter: it shows as high as it is wide.
        const turned = (size.orientation ?? 1) >= 5;
        return {
          type,
          length,
          ...(size.width && size.height
            ? {
                width: turned ? size.height : size.width,
                height: turned ? size.width : size.height,
              }
            : {}),
        };
      } catch (error) {
        if (want >= MOST_READ || read >= length) throw error;
      }
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { problem: `its file cannot be read as an image (${reason})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function missingImage(
  display: string,
  at: { line?: number; column?: number },
  { url, problem, fix }: { url: string; problem: string; fix: string },
): Diagnostic {
  return {
    severity: 'warning',
    code: 'image-not-found',
    file: display,
    ...at,
    field: 'image',
    message: `image ${url} is on this site, but ${problem}: readers would show a broken image`,
    fix,
  };
}

/**
 * Where the post's top-level `image` key is, for a post that does not carry it (`imageAt`, found
 * when its file was read): its front matter read again, and scanned for the first line that
 * starts with it (a line scan, not a second YAML parse).
 */
function imageLocation(file: string): { line?: number; column?: number } {
  try {
    return valueAt(readPostHead(file).bytes.toString('utf8'), 'image') ?? {};
  } catch {
    return {};
  }
}
