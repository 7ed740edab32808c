/**
 * The real size of an image a built feed points at: when its URL is under the site URL, the file
 * the host serves it from is read in the output folder and measured (image-size reads only its
 * first bytes); an image on another host is not fetched — check reads no network.
 */
import path from 'node:path';
import { imageSizeFromFile } from 'image-size/fromFile';
import { isSafePagePath, servedPath } from '../urls.js';

export type ImageMeasure =
  /** The site's own file, measured: as shown (EXIF orientations 5 to 8 turn it a quarter). */
  | { kind: 'local'; path: string; width: number; height: number }
  /** Under the site URL, but the output folder has no such file: readers see a broken image. */
  | { kind: 'missing'; path: string }
  /** The file is there but is no image image-size can read. */
  | { kind: 'unreadable'; path: string; problem: string }
  /** On another host (or the site URL is unknown): not measured. */
  | { kind: 'remote' };

/** Measures images of one output folder, each URL once. */
export class ImageMeter {
  private readonly known = new Map<string, Promise<ImageMeasure>>();

  /** `siteUrl`: the site root the output folder is served at; undefined: every image is remote. */
  constructor(
    private readonly outDir: string,
    private readonly siteUrl: string | undefined,
  ) {}

  measure(url: string): Promise<ImageMeasure> {
    let measured = this.known.get(url);
    if (!measured) {
      measured = this.read(url);
      this.known.set(url, measured);
    }
    return measured;
  }

  private async read(url: string): Promise<ImageMeasure> {
    const file = this.siteUrl === undefined ? undefined : servedPath(url, this.siteUrl);
    if (file === undefined || !isSafePagePath(file)) return { kind: 'remote' };
    try {
      const size = await imageSizeFromFile(path.join(this.outDir, ...file.split('/')));
      if (!size.width || !size.height) {
        return { kind: 'unreadable', path: file, problem: `a ${size.type ?? 'file'} with no size` };
      }
      const turned = (size.orientation ?? 1) >= 5;
      return {
        kind: 'local',
        path: file,
        width: turned ? size.height : size.width,
        height: turned ? size.width : size.height,
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', path: file };
      return { kind: 'unreadable', path: file, problem: code ?? (error as Error).message };
    }
  }
}

/** The side of a measured image a minimum is for. */
export function sideOf(
  image: { width: number; height: number },
  side: 'shortest' | 'longest',
): number {
  return side === 'shortest'
    ? Math.min(image.width, image.height)
    : Math.max(image.width, image.height);
}
