/**
 * Feed items carried from one build to the next: the items the last build wrote for the
 * documents a new story changes, taken instead of written again, and the ones this build wrote or
 * took for them, for the next. Each is named by what its item shows (`summaryKey`) and its form,
 * so a story that changed is never shown by its old item.
 */
import type { FeedDocument, FeedItem, ItemXml } from '../../model.js';
import { summaryKey } from '../item-key.js';

/**
 * True for the documents a new story changes: the subscription documents and the newest archive
 * of each feed (full archives never change: see RFC 5005 archives in `feed-documents.ts`).
 */
export function changesWithNewStories(doc: Pick<FeedDocument, 'archive' | 'history'>): boolean {
  return doc.archive === undefined || doc.history?.next === undefined;
}

export class CarriedItems {
  /** The earlier build's items, by `summaryKey` and then by form; read when first needed. */
  private byShown: Map<string, Map<string, ItemXml>> | undefined;
  /** This build's, by item and then by form. */
  private readonly now = new Map<FeedItem, Map<string, ItemXml>>();
  private rendered = false;

  /**
   * `earlier` gives the earlier build's items by `${summaryKey}\u0000${form}`, as `keep` gave them;
   * it is asked once, when a feed document is first rendered. Its items were checked when that
   * build wrote them (and the cache that kept them is checksummed).
   */
  constructor(private readonly earlier: () => Iterable<readonly [string, ItemXml]>) {}

  /** Says a feed document is being rendered: its items are taken from, and noted for, builds. */
  rendering(): void {
    this.rendered = true;
  }

  /** The item in `form` as the earlier build wrote it, if it shows the same. */
  take(item: FeedItem, form: string): ItemXml | undefined {
    const earlier = this.earlierItems();
    return earlier.size === 0 ? undefined : earlier.get(summaryKey(item))?.get(form);
  }

  /** Notes the item in `form` as this build has it. */
  note(item: FeedItem, form: string, xml: ItemXml): void {
    formsOf(this.now, item).set(form, xml);
  }

  /**
   * Every form of the items of `docs` noted now, and the earlier build's forms of them that were
   * not (their documents were carried over unchanged), by `${summaryKey}\u0000${form}`; undefined
   * when no feed document was rendered: the documents are as they were, so are their items.
   */
  keep(docs: readonly Pick<FeedDocument, 'items'>[]): Map<string, ItemXml> | undefined {
    if (!this.rendered) return undefined;
    const earlier = this.earlierItems();
    const kept = new Map<string, ItemXml>();
    for (const doc of docs)
      for (const item of doc.items) {
        const shown = summaryKey(item);
        for (const forms of [this.now.get(item), earlier.get(shown)])
          for (const [form, xml] of forms ?? []) {
            const key = `${shown}\u0000${form}`;
            if (!kept.has(key)) kept.set(key, xml);
          }
      }
    return kept;
  }

  private earlierItems(): Map<string, Map<string, ItemXml>> {
    if (!this.byShown) {
      this.byShown = new Map();
      for (const [key, xml] of this.earlier()) {
        const cut = key.indexOf('\u0000');
        formsOf(this.byShown, key.slice(0, cut)).set(key.slice(cut + 1), xml);
      }
    }
    return this.byShown;
  }
}

function formsOf<K>(byKey: Map<K, Map<string, ItemXml>>, key: K): Map<string, ItemXml> {
  let forms = byKey.get(key);
  if (!forms) {
    forms = new Map();
    byKey.set(key, forms);
  }
  return forms;
}
