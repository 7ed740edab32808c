/**
 * What a thread made for an item, kept for the other outputs that show it the same way, up to a
 * budget: the latest made, the oldest forgotten first (the outputs that share an item, its
 * sections' and byline's feeds or listing pages, come close together in a build).
 */
import type { FeedItem } from '../model.js';

export class KeptByItem<V> {
  private readonly byItem = new Map<FeedItem, Map<string, V>>();
  private readonly order: { item: FeedItem; key: string; size: number }[] = [];
  private oldest = 0;
  private size = 0;

  /** `sizeOf`: what a value counts against `budget`. */
  constructor(
    private readonly budget: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(item: FeedItem, key: string): V | undefined {
    return this.byItem.get(item)?.get(key);
  }

  set(item: FeedItem, key: string, value: V): void {
    let known = this.byItem.get(item);
    if (!known) {
      known = new Map();
      this.byItem.set(item, known);
    }
    const size = this.sizeOf(value);
    known.set(key, value);
    this.order.push({ item, key, size });
    this.size += size;
    while (this.size > this.budget && this.oldest < this.order.length) this.forgetOldest();
    if (this.oldest > 4096 && this.oldest * 2 > this.order.length) {
      this.order.splice(0, this.oldest);
      this.oldest = 0;
    }
  }

  /** Forgets everything (a new site is being rendered). */
  clear(): void {
    this.byItem.clear();
    this.order.length = 0;
    this.oldest = 0;
    this.size = 0;
  }

  private forgetOldest(): void {
    const { item, key, size } = this.order[this.oldest++] as (typeof this.order)[number];
    const known = this.byItem.get(item);
    known?.delete(key);
    if (known?.size === 0) this.byItem.delete(item);
    this.size -= size;
  }
}
