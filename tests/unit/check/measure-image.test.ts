import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageMeter, sideOf } from '../../../src/check/measure-image.js';
import { png } from '../../helpers/png.js';

const SITE = 'https://news.example.com/blog/';
let out: string;

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'feedwright-measure-'));
  await mkdir(path.join(out, 'images'), { recursive: true });
  await writeFile(path.join(out, 'images/wide.png'), png(1200, 675));
  await writeFile(path.join(out, 'images/notes.png'), 'not an image at all');
  await writeFile(path.join(out, 'secret.png'), png(10, 10));
});
afterAll(() => rm(out, { recursive: true, force: true }));

describe('ImageMeter', () => {
  it('measures the site’s own file, from the output folder', async () => {
    const meter = new ImageMeter(out, SITE);
    expect(await meter.measure(`${SITE}images/wide.png`)).toEqual({
      kind: 'local',
      path: 'images/wide.png',
      width: 1200,
      height: 675,
    });
  });

  it('says when the site should have the file but the output has none', async () => {
    const meter = new ImageMeter(out, SITE);
    expect(await meter.measure(`${SITE}images/gone.png`)).toEqual({
      kind: 'missing',
      path: 'images/gone.png',
    });
  });

  it('says when the file is no image it can read', async () => {
    const measured = await new ImageMeter(out, SITE).measure(`${SITE}images/notes.png`);
    expect(measured).toMatchObject({ kind: 'unreadable', path: 'images/notes.png' });
  });

  it('does not fetch an image on another host, or outside the site’s path', async () => {
    const meter = new ImageMeter(out, SITE);
    expect(await meter.measure('https://cdn.example.org/a.png')).toEqual({ kind: 'remote' });
    expect(await meter.measure('https://news.example.com/secret.png')).toEqual({
      kind: 'remote',
    });
    expect(await meter.measure(`${SITE}images/%2e%2e/%2e%2e/secret.png`)).toEqual({
      kind: 'remote',
    });
  });

  it('takes every image as remote when the site URL is unknown', async () => {
    const meter = new ImageMeter(out, undefined);
    expect(await meter.measure(`${SITE}images/wide.png`)).toEqual({ kind: 'remote' });
  });

  it('measures each URL once', async () => {
    const meter = new ImageMeter(out, SITE);
    const first = meter.measure(`${SITE}images/wide.png`);
    expect(meter.measure(`${SITE}images/wide.png`)).toBe(first);
  });
});

describe('sideOf', () => {
  it('is the shortest or the longest side', () => {
    expect(sideOf({ width: 1200, height: 675 }, 'shortest')).toBe(675);
    expect(sideOf({ width: 1200, height: 675 }, 'longest')).toBe(1200);
    expect(sideOf({ width: 300, height: 900 }, 'shortest')).toBe(300);
  });
});
