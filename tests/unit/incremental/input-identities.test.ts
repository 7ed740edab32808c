import { describe, expect, it } from 'vitest';
import {
  type Input,
  inputIdentities,
  type KnownInput,
} from '../../../src/incremental/input-identities.js';

const BLOB = 'b'.repeat(40);
const input = (name: string, root: string, size = 10, mtimeMs = 1000): Input => ({
  path: name,
  file: `${root}/${name}`,
  root,
  size,
  mtimeMs,
});

/** A `blobOf` that answers `blobs` (by name) in every folder, and lists the folders asked of. */
function git(blobs: Record<string, string> | undefined) {
  const asked: string[] = [];
  const clean = (root: string, name: string) => {
    asked.push(root);
    return blobs?.[name];
  };
  return { asked, clean };
}

describe('inputIdentities', () => {
  it('knows a file by its size and mtime when git does not vouch for it', () => {
    const { ids, known, blobs } = inputIdentities(
      [input('logo.png', '/site/public')],
      new Map(),
      git(undefined).clean,
    );
    expect(ids).toEqual(['stat:10:1000']);
    expect(known).toEqual(new Map([['/site/public/logo.png', [10, 1000, '']]]));
    expect(blobs.size).toBe(0);
  });

  it('knows a file git vouches for by its blob and size, whatever its mtime', () => {
    const { clean } = git({ 'img/a.png': BLOB });
    const first = inputIdentities([input('img/a.png', '/s/public', 10, 1000)], new Map(), clean);
    const checkedOut = inputIdentities(
      [input('img/a.png', '/s/public', 10, 9999)],
      new Map(),
      clean,
    );
    expect(first.ids).toEqual([`blob:${BLOB}:10`]);
    expect(checkedOut.ids).toEqual(first.ids);
    expect(first.blobs).toEqual(new Map([['/s/public/img/a.png', BLOB]]));
    // Another size is another file to publish (bytes git converts, say), whatever the blob.
    expect(inputIdentities([input('img/a.png', '/s/public', 11)], new Map(), clean).ids).toEqual([
      `blob:${BLOB}:11`,
    ]);
  });

  it('takes what it knows of a file while its size and mtime are as recorded, asking git nothing', () => {
    const known = new Map<string, KnownInput>([
      ['/s/public/a.png', [10, 1000, BLOB]],
      ['/s/posts/p/b.jpg', [5, 7, '']],
    ]);
    const { asked, clean } = git({});
    const inputs = [input('a.png', '/s/public'), input('p/b.jpg', '/s/posts', 5, 7)];
    const { ids, known: next } = inputIdentities(inputs, known, clean);
    expect(ids).toEqual([`blob:${BLOB}:10`, 'stat:5:7']);
    expect(asked).toEqual([]);
    expect(next).toEqual(known);
  });

  it('asks git of the folder of each file not as recorded, by its name there', () => {
    const known = new Map<string, KnownInput>([['/s/public/a.png', [10, 1000, BLOB]]]);
    const { asked, clean } = git({ 'p/b.jpg': BLOB });
    const inputs = [input('a.png', '/s/public', 10, 2000), input('p/b.jpg', '/s/posts')];
    const { ids, known: next } = inputIdentities(inputs, known, clean);
    // a.png is no longer one git vouches for (this `clean` does not list it): by its stat.
    expect(ids).toEqual(['stat:10:2000', `blob:${BLOB}:10`]);
    expect(asked).toEqual(['/s/public', '/s/posts']);
    expect(next.get('/s/public/a.png')).toEqual([10, 2000, '']);
  });
});
