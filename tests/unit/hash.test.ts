import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHECKSUM_KIND,
  cacheKey,
  checksum,
  checksumInParts,
  contentKeyOf,
  gitBlobId,
  hashBytes,
  hashBytesInParts,
  hashLines,
  hashParts,
  LINES_PER_RUN,
  sha256Hex,
  shortHash,
} from '../../src/hash.js';

// Known digests of "abc" (FIPS 180 test vectors).
const SHA1_ABC_HEX = 'a9993e364706816aba3e25717850c26c9cd0d89d';
const SHA256_ABC_HEX = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const SHA256_EMPTY_HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('gitBlobId', () => {
  it('is the id git gives the bytes as a blob', () => {
    // `printf 'hi\n' | git hash-object --stdin`, and the empty blob every git knows.
    expect(gitBlobId(Buffer.from('hi\n'))).toBe('45b983be36b73c0788dc9cbcb76cbb80fc7bb057');
    expect(gitBlobId(new Uint8Array())).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    // Its length counts bytes, not characters.
    const utf8 = Buffer.from('café\n');
    const expected = createHash('sha1').update(`blob ${utf8.length}\0`).update(utf8).digest('hex');
    expect(gitBlobId(utf8)).toBe(expected);
  });
});

describe('hashBytes', () => {
  it('is SHA-1 in base64url, 27 characters without padding', () => {
    const h = hashBytes('abc');
    expect(h).toBe(Buffer.from(SHA1_ABC_HEX, 'hex').toString('base64url'));
    expect(h).toMatch(/^[A-Za-z0-9_-]{27}$/);
  });

  it('gives the same hash for a string and its UTF-8 bytes', () => {
    expect(hashBytes('café ☕')).toBe(hashBytes(new TextEncoder().encode('café ☕')));
  });

  it('tells different contents apart, and is deterministic', () => {
    expect(hashBytes('a')).toBe(hashBytes('a'));
    expect(hashBytes('a')).not.toBe(hashBytes('b'));
    expect(hashBytes('')).toMatch(/^[A-Za-z0-9_-]{27}$/);
  });
});

describe('sha256Hex', () => {
  it('is SHA-256 in lower-case hex', () => {
    expect(sha256Hex('abc')).toBe(SHA256_ABC_HEX);
    expect(sha256Hex('')).toBe(SHA256_EMPTY_HEX);
    expect(sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(SHA256_ABC_HEX);
  });
});

describe('cacheKey', () => {
  it('is the SHA-256 of the parts as JSON', () => {
    expect(cacheKey(['a', 1, { b: true }])).toBe(sha256Hex('["a",1,{"b":true}]'));
    expect(cacheKey([])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives equal keys for equal parts built separately', () => {
    expect(cacheKey(['v1', { url: 'https://e.example/', n: [1, 2] }])).toBe(
      cacheKey(['v1', { url: 'https://e.example/', n: [1, 2] }]),
    );
  });

  it('gives different keys when any part differs', () => {
    const keys = [
      cacheKey(['a', 'b']),
      cacheKey(['b', 'a']),
      cacheKey(['ab']),
      cacheKey(['a', 'b', '']),
      cacheKey(['a', 1]),
      cacheKey(['a', '1']),
      cacheKey(['a', null]),
      cacheKey([['a', 'b']]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives equal keys exactly when the JSON texts are equal', () => {
    const part = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(part), fc.array(part), (a, b) => {
        expect(cacheKey(a) === cacheKey(b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
      { numRuns: 200 },
    );
  });
});

describe('shortHash', () => {
  it('is the first eight hex digits of the SHA-256', () => {
    expect(shortHash('abc')).toBe(SHA256_ABC_HEX.slice(0, 8));
    expect(shortHash('Économie')).toMatch(/^[0-9a-f]{8}$/);
    expect(shortHash('Économie')).toBe(shortHash('Économie'));
    expect(shortHash('Économie')).not.toBe(shortHash('Economie'));
  });
});

describe('checksum', () => {
  it('is CRC-32 where Node has it (4 bytes, big-endian), else the 20 SHA-1 bytes', () => {
    const abc = new TextEncoder().encode('abc');
    expect(checksum(abc, 'sha1')?.toString('hex')).toBe(SHA1_ABC_HEX);
    expect(checksum(abc, 'crc32')?.toString('hex')).toBe('352441c2');
    const sum = checksum(abc);
    expect(Buffer.isBuffer(sum)).toBe(true);
    expect(sum?.toString('hex')).toBe(CHECKSUM_KIND === 'crc32' ? '352441c2' : SHA1_ABC_HEX);
  });

  it('changes when one byte changes or one is cut off, whatever its kind', () => {
    const body = new Uint8Array([1, 2, 3, 4]);
    for (const kind of ['crc32', 'sha1'] as const) {
      const sum = checksum(body, kind)?.toString('hex');
      expect(checksum(new Uint8Array([1, 2, 3, 5]), kind)?.toString('hex')).not.toBe(sum);
      expect(checksum(body.subarray(0, 3), kind)?.toString('hex')).not.toBe(sum);
      expect(checksum(new Uint8Array([1, 2, 3, 4]), kind)?.toString('hex')).toBe(sum);
    }
  });

  it('in parts, is the checksum of the parts joined, however the bytes are cut', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat(300), { maxLength: 5 }),
        (bytes, cuts) => {
          const at = [0, ...[...cuts].sort((x, y) => x - y), bytes.length].map((n) =>
            Math.min(n, bytes.length),
          );
          for (const kind of ['crc32', 'sha1'] as const) {
            const sum = checksumInParts(kind);
            for (let i = 1; i < at.length; i++) sum?.update(bytes.subarray(at[i - 1], at[i]));
            expect(sum?.digest().equals(checksum(bytes, kind) as Buffer)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('hashParts', () => {
  it('equals the SHA-256 of the parts joined', () => {
    expect(hashParts(['a', 'b', 'c'])).toBe(SHA256_ABC_HEX);
    expect(hashParts(['ab', new Uint8Array([0x63])])).toBe(SHA256_ABC_HEX);
    expect(hashParts([])).toBe(SHA256_EMPTY_HEX);
  });

  it('takes any iterable, a generator included', () => {
    function* parts() {
      yield 'a';
      yield 'bc';
    }
    expect(hashParts(parts())).toBe(SHA256_ABC_HEX);
  });

  it('equals hashing the concatenation for any parts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 16 }))),
        (parts) => {
          const joined = Buffer.concat(
            parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))),
          );
          expect(hashParts(parts)).toBe(createHash('sha256').update(joined).digest('hex'));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('hashLines', () => {
  it('equals the SHA-256 of its head and every line joined, however many lines and runs', () => {
    const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    for (const count of [0, 1, LINES_PER_RUN - 1, LINES_PER_RUN, LINES_PER_RUN + 1, 2049]) {
      const items = Array.from({ length: count }, (_, i) => i);
      const line = (i: number) => `${i}\u0000é\n`;
      const joined = items.map(line).join('');
      expect(hashLines(items, line), `${count} lines`).toBe(sha256(joined));
      expect(hashLines(items, line, 'head\n'), `${count} lines`).toBe(sha256(`head\n${joined}`));
    }
  });

  it('asks for each line once, in order', () => {
    const items = Array.from({ length: 2 * LINES_PER_RUN + 3 }, (_, i) => i);
    const asked: number[] = [];
    hashLines(items, (i) => {
      asked.push(i);
      return `${i}\n`;
    });
    expect(asked).toEqual(items);
  });
});

describe('contentKeyOf', () => {
  it('is the hash of both hashes in a row, and changes with either', () => {
    expect(contentKeyOf('head', 'body')).toBe(hashBytes('headbody'));
    expect(contentKeyOf('head', 'body2')).not.toBe(contentKeyOf('head', 'body'));
    expect(contentKeyOf('head2', 'body')).not.toBe(contentKeyOf('head', 'body'));
  });
});

describe('hashBytesInParts', () => {
  it('gives hashBytes of the parts joined, however they are cut', () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.array(fc.nat()), (bytes, cuts) => {
        const hasher = hashBytesInParts();
        let at = 0;
        for (const cut of cuts) {
          const end = Math.min(bytes.length, at + (cut % 7));
          hasher.update(bytes.subarray(at, end));
          at = end;
        }
        hasher.update(bytes.subarray(at));
        expect(hasher.digest()).toBe(hashBytes(bytes));
      }),
    );
  });
});
