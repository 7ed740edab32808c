import { describe, expect, it } from 'vitest';
import { readCurrent, readPrevious } from '../../../src/continuity/read-snapshots.js';
import { FeedwrightError } from '../../../src/diagnostics.js';
import { formatManifest } from '../../../src/manifest.js';
import { hugoRss, manifestItem, manifestWith, SITE } from '../../helpers/continuity.js';

/** The one diagnostic a FeedwrightError carries, from a call that must throw one. */
async function problem(call: () => unknown) {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof FeedwrightError)) throw error;
    expect(error.diagnostics).toHaveLength(1);
    return error.diagnostics[0];
  }
  throw new Error('expected a FeedwrightError');
}

const FILE = 'dist/.feedwright-manifest.json';

describe('readCurrent', () => {
  it("gives the new build's items and feeds", () => {
    const a = manifestItem('a');
    expect(readCurrent(formatManifest(manifestWith([a])), FILE)).toEqual({
      kind: 'manifest',
      items: [a],
      feeds: [{ path: 'rss.xml', title: 'Test News', items: [a.id] }],
    });
  });

  it('says to build first when there is no manifest, or it is not one', async () => {
    const fix = 'run feedwright build first (or pass the --out folder it wrote)';
    expect(await problem(() => readCurrent(undefined, FILE))).toEqual({
      severity: 'error',
      code: 'diff-no-manifest',
      file: FILE,
      message: 'not found',
      fix,
    });
    expect(await problem(() => readCurrent('{"files":', FILE))).toMatchObject({
      code: 'diff-bad-manifest',
      file: FILE,
      message: expect.stringMatching(/^not JSON \(.+\)$/),
      fix,
    });
    expect(await problem(() => readCurrent('{"generator":"hugo"}', FILE))).toMatchObject({
      code: 'diff-bad-manifest',
      message: 'not a feedwright manifest',
      fix,
    });
  });

  it('says to build again when the manifest records no items, or damaged ones', async () => {
    expect(await problem(() => readCurrent('{"generator":"feedwright","files":{}}', FILE))).toEqual(
      {
        severity: 'error',
        code: 'diff-manifest-items',
        file: FILE,
        message: 'the manifest records no items (an older feedwright wrote it)',
        fix: 'build again with this version of feedwright',
      },
    );
    const damaged = { ...manifestWith([]), items: [{ id: 'x' }] };
    expect(await problem(() => readCurrent(JSON.stringify(damaged), FILE))).toMatchObject({
      code: 'diff-manifest-items',
      message: "the manifest's items are damaged: items[0] is not a complete item",
    });
  });
});

describe('readPrevious', () => {
  it('reads a manifest by its content, whatever the file is called', async () => {
    const a = manifestItem('a');
    expect(await readPrevious(formatManifest(manifestWith([a])), 'live.xml')).toMatchObject({
      kind: 'manifest',
      items: [a],
    });
  });

  it('reads a feed file by its content', async () => {
    const rss = hugoRss([[`${SITE}posts/a/`, 'A', 'Sun, 01 Mar 2026 10:00:00 -0500']]);
    expect(await readPrevious(rss, 'manifest.json')).toMatchObject({
      kind: 'feed',
      format: 'rss',
      items: [{ id: `${SITE}posts/a/`, published: '2026-03-01T15:00:00.000Z' }],
    });
  });

  it('reads a file that starts with a byte order mark', async () => {
    const manifest = `\uFEFF${formatManifest(manifestWith([manifestItem('a')]))}`;
    expect(await readPrevious(manifest, 'live.json')).toMatchObject({ kind: 'manifest' });
    const rss = `\uFEFF${hugoRss([[`${SITE}posts/a/`, 'A', 'Sun, 01 Mar 2026 10:00:00 -0500']])}`;
    expect(await readPrevious(rss, 'index.xml')).toMatchObject({ kind: 'feed', format: 'rss' });
  });

  it('refuses a manifest of an older feedwright, pointing at the published feed instead', async () => {
    expect(
      await problem(() => readPrevious('{"generator":"feedwright","files":{}}', 'live.json')),
    ).toEqual({
      severity: 'error',
      code: 'diff-previous-items',
      file: 'live.json',
      message: 'the previous manifest records no items (an older feedwright wrote it)',
      fix: 'compare with a feed the site published instead, e.g. --previous rss.xml saved from it',
    });
  });

  it.each([
    ['an HTML page', '<!doctype html><html><body>Not found</body></html>'],
    ['JSON of something else', '{"name":"feedwright","version":"0.1.0"}'],
    ['empty', ''],
  ])('refuses a file that is %s, naming what it takes', async (_, text) => {
    expect(await problem(() => readPrevious(text, 'previous.txt'))).toEqual({
      severity: 'error',
      code: 'diff-previous-unknown',
      file: 'previous.txt',
      message: 'neither a feedwright manifest nor an RSS 2.0, Atom 1.0 or JSON Feed file',
      fix: 'pass the .feedwright-manifest.json of the published build, or one of its published feeds',
    });
  });

  it("refuses a feed that is not well-formed, with the parser's reason", async () => {
    const broken =
      '<rss version="2.0"><channel><title>T</title><item><title>A</item></channel></rss>';
    expect(await problem(() => readPrevious(broken, 'rss.xml'))).toEqual({
      severity: 'error',
      code: 'diff-previous-feed',
      file: 'rss.xml',
      message: 'the feed cannot be read (Unexpected end of title)',
      fix: 'pass the published RSS 2.0, Atom 1.0 or JSON Feed file as it was served',
    });
  });

  it('refuses an RSS 1.0 (RDF) feed', async () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="${SITE}"><title>T</title><link>${SITE}</link></channel></rdf:RDF>`;
    expect(await problem(() => readPrevious(rdf, 'index.rdf'))).toMatchObject({
      code: 'diff-previous-rdf',
      file: 'index.rdf',
      message: 'RSS 1.0 (RDF) feeds are not compared',
    });
  });
});
