/**
 * Feed items carried from one build to the next: the items the last build wrote for the
 * documents a new story changes, taken instead of written again, and the ones this build wrote or
 * took for them, for the next. Each is named by what its item shows (`summaryKey`) and its form,
 * so a story that changed is never shown by its old item.
 */
import type { FeedDocument, FeedItem, ItemShelf, ItemXml, KeptItems } from '../../model.js';
import { summaryKey } from '../item-key.js';

/**
 * True for the documents a new story changes: the subscription documents and the newest archive
 * of each feed (full archives never change: see RFC 5005 archives in `feed-documents.ts`).
 */
export function changesWithNewStories(doc: Pick<FeedDocument, 'archive' | 'history'>): boolean {
  return doc.archive === undefined || doc.history?.next === undefined;
}

export class CarriedItems {
  /** The earlier build's items (read when first needed), and their forms by `summaryKey`. */
  private shelf: ItemShelf | undefined;
  private formsByShown: Map<string, string[]> | undefined;
  /** This build's, by item and then by form. */
  private readonly now = new Map<FeedItem, Map<string, ItemXml>>();
  /** The items taken from the earlier build: kept for the next by key, not written again. */
  private readonly taken = new WeakSet<ItemXml>();
  private rendered = false;

  /**
   * `earlier` gives the earlier build's items (see `ItemShelf`); it is asked once, when a feed
   * document is first rendered, and each item is read from it only when taken. Its items were
   * checked when that build wrote them (and the cache that kept them is checksummed).
   */
  constructor(private readonly earlier: () => ItemShelf) {}

  /** Says a feed document is being rendered: its items are taken from, and noted for, builds. */
  rendering(): void {
    this.rendered = true;
  }

  /** The item in `form` as the earlier build wrote it, if it shows the same. */
  take(item: FeedItem, form: string): ItemXml | undefined {
    const forms = this.earlierForms();
    if (forms.size === 0) return undefined;
    const shown = summaryKey(item);
    if (!forms.get(shown)?.includes(form)) return undefined;
    const xml = this.shelf?.get(`${shown}\u0000${form}`);
    if (xml) this.taken.add(xml);
    return xml;
  }

  /** Notes the item in `form` as this build has it. */
  note(item: FeedItem, form: string, xml: ItemXml): void {
    let forms = this.now.get(item);
    if (!forms) {
      forms = new Map();
      this.now.set(item, forms);
    }
    forms.set(form, xml);
  }

  /**
   * Every form of the items of `docs` noted now, and the earlier build's forms of them that were
   * not (their documents were carried over unchanged): those taken from the earlier build, or
   * not noted now, by their key on its shelf; undefined when no feed document was rendered: the
   * documents are as they were, so are their items.
   */
  keep(docs: readonly Pick<FeedDocument, 'items'>[]): KeptItems | undefined {
    if (!this.rendered) return undefined;
    const forms = this.earlierForms();
    const seen = new Set<string>();
    const kept: KeptItems = { earlier: [], fresh: new Map() };
    for (const doc of docs)
      for (const item of doc.items) {
        const shown = summaryKey(item);
        for (const [form, xml] of this.now.get(item) ?? []) {
          const key = `${shown}\u0000${form}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (this.taken.has(xml)) kept.earlier.push(key);
          else kept.fresh.set(key, xml);
        }
        for (const form of forms.get(shown) ?? []) {
          const key = `${shown}\u0000${form}`;
          if (seen.has(key)) continue;
          seen.add(key);
          kept.earlier.push(key);
        }
      }
    return kept;
  }

  /** The forms of the earlier build's items, by `summaryKey`: their keys only, none read. */
  private earlierForms(): Map<string, string[]> {
    if (!this.formsByShown) {
      this.shelf = this.earlier();
      this.formsByShown = new Map();
      for (const key of this.shelf.keys()) {
        const cut = key.indexOf('\u0000');
        const shown = key.slice(0, cut);
        const forms = this.formsByShown.get(shown);
        if (forms) forms.push(key.slice(cut + 1));
        else this.formsByShown.set(shown, [key.slice(cut + 1)]);
      }
    }
    return this.formsByShown;
  }
}
