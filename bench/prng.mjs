/**
 * Deterministic randomness for the benchmark corpus. Never `Math.random`: the same seed must
 * give a byte-identical corpus on every machine and every Node version.
 */

/**
 * mulberry32: a tiny 32-bit PRNG, good enough for synthetic text.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function mulberry32(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes any number of integers/strings into one 32-bit seed (FNV-1a, then murmur3's finaliser),
 * so each post gets its own independent stream: `seedOf(corpusSeed, index, 'body')`.
 * @param {...(number|string)} parts
 * @returns {number}
 */
export function seedOf(...parts) {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${part}\u0000`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Convenience helpers over one PRNG stream. */
export class Random {
  /** @param {number} seed */
  constructor(seed) {
    this.next = mulberry32(seed);
  }

  /**
   * Integer in [min, max], both inclusive.
   * @param {number} min
   * @param {number} max
   */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** @param {number} probability */
  chance(probability) {
    return this.next() < probability;
  }

  /**
   * @template T
   * @param {readonly T[]} items
   * @returns {T}
   */
  pick(items) {
    return /** @type {T} */ (items[Math.floor(this.next() * items.length)]);
  }

  /**
   * `count` distinct items, in the order drawn.
   * @template T
   * @param {readonly T[]} items
   * @param {number} count
   * @returns {T[]}
   */
  sample(items, count) {
    const chosen = new Set();
    const limit = Math.min(count, items.length);
    while (chosen.size < limit) chosen.add(this.pick(items));
    return [...chosen];
  }

  /**
   * Picks a key of `weights` with probability proportional to its value.
   * @template {string} K
   * @param {Record<K, number>} weights
   * @returns {K}
   */
  weighted(weights) {
    const entries = /** @type {[K, number][]} */ (Object.entries(weights));
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return /** @type {[K, number]} */ (entries[entries.length - 1])[0];
  }
}
