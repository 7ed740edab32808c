/** Reading HTML back with a real parser (htmlparser2), for the page tests. */
import { DomUtils, parseDocument } from 'htmlparser2';

export type HtmlDocument = ReturnType<typeof parseDocument>;
export type HtmlElement = ReturnType<typeof DomUtils.getElementsByTagName>[number];

export const parseHtml = (html: string): HtmlDocument => parseDocument(html);

/** Every element named `tag` under `node`, in document order. */
export function all(node: HtmlDocument | HtmlElement, tag: string): HtmlElement[] {
  return DomUtils.getElementsByTagName(tag, node, true);
}

export function attr(el: HtmlElement | undefined, name: string): string | undefined {
  return el ? DomUtils.getAttributeValue(el, name) : undefined;
}

/** The text a reader sees in `el` (entities decoded); '' for none. */
export function text(el: HtmlDocument | HtmlElement | undefined): string {
  return el ? DomUtils.textContent(el) : '';
}
