/** The page text of a page's language, put into HTML: placeholders filled, numbers and dates written its way. */
import type { Language, PluralKey } from '../../model.js';
import {
  escapeHtml,
  fillText,
  formatDate,
  localeOf,
  pluralText,
  primarySubtag,
} from '../../text.js';
import { type HtmlValue, html, raw, type SafeHtml } from './html-template.js';

/** `template` as HTML: its own text escaped, each `{name}` replaced by `values[name]`. */
export function say(template: string, values: Readonly<Record<string, HtmlValue>> = {}): SafeHtml {
  const filled: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) filled[name] = html`${value}`.html;
  return raw(fillText(template, filled, escapeHtml));
}

/** `template` as plain text (for a title or an attribute, which the page escapes itself). */
export function sayText(
  template: string,
  values: Readonly<Record<string, string | number>> = {},
): string {
  const filled: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) filled[name] = String(value);
  return fillText(template, filled);
}

/** A text that depends on `n` (`{n}` in it), in `language`, as HTML. */
export function sayCount(
  language: Language,
  key: PluralKey,
  n: number,
  values: Readonly<Record<string, HtmlValue>> = {},
): SafeHtml {
  const { template, n: written } = pluralText(language.text[key], n, localeOf(language));
  return say(template, { ...values, n: written });
}

/** A date in a `<time>` element, written in `language` and `timezone`. */
export function timeTag(
  date: Date,
  timezone: string,
  withTime: boolean,
  language = 'en',
): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${formatDate(date, timezone, withTime, language)}</time>`;
}

const names = new Map<string, string>();

/** A language's name in that language, capitalised: "English", "Français". */
export function languageName(tag: string): string {
  let name = names.get(tag);
  if (name === undefined) {
    const primary = primarySubtag(tag);
    let of: string | undefined;
    try {
      of = new Intl.DisplayNames([tag], { type: 'language' }).of(primary);
    } catch {
      of = undefined;
    }
    name = of ? of.charAt(0).toLocaleUpperCase(tag) + of.slice(1) : tag;
    names.set(tag, name);
  }
  return name;
}
