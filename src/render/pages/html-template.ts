/** A template tag that escapes every interpolated value unless it is marked as markup. */
import { escapeHtml } from '../../text.js';

/** Markup that is already HTML and must be inserted as it is. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** Trusted markup, e.g. a post's already-sanitized content. */
export function raw(html: string): SafeHtml {
  return new SafeHtml(html);
}

/** What `html` accepts: text (escaped), markup, lists of either, or nothing. */
export type HtmlValue =
  | string
  | number
  | SafeHtml
  | null
  | undefined
  | false
  | readonly HtmlValue[];

function serialize(value: HtmlValue): string {
  // Text and markup first: they are nearly every value a page is made of.
  if (typeof value === 'string') return escapeHtml(value);
  if (value instanceof SafeHtml) return value.html;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += serialize(item);
    return out;
  }
  return escapeHtml(String(value));
}

/**
 * `` html`<p>${text}</p>` `` escapes `text`; pass `raw(...)` or another `html` result to insert
 * markup. `null`, `undefined` and `false` render nothing, so `cond && html`…`` works.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += serialize(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}
