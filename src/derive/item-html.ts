/**
 * The HTML an item carries besides its body: its lead image (with caption and credit) before it,
 * and its corrections, each a dated note, after it. Feeds and the story's page show the same.
 */
import type { Correction, ItemHtml, ItemImage, Language, StoredHtml } from '../model.js';
import { isStored } from '../stored-html.js';
import { escapeHtml, escapeHtmlText, fillText, formatDate, localeOf } from '../text.js';

/** What the notes are written in: the story's language (its words), in the site's time zone. */
export interface NoteStyle {
  timezone: string;
  language: Pick<Language, 'tag' | 'text' | 'locale'>;
}

/** What an item shows around its story's body. */
export interface ItemExtras {
  image?: ItemImage;
  corrections?: readonly Correction[];
}

/**
 * `body` with the lead image before it (unless the body shows it already) and the notes after.
 * A stored body is not read: the item carries the parts, put together when an output shows it.
 */
export function itemHtml(body: string, extras: ItemExtras, style: NoteStyle): string;
export function itemHtml(body: string | StoredHtml, extras: ItemExtras, style: NoteStyle): ItemHtml;
export function itemHtml(
  body: string | StoredHtml,
  extras: ItemExtras,
  style: NoteStyle,
): ItemHtml {
  const { image, corrections = [] } = extras;
  const unless = image && `src="${escapeHtml(image.url)}"`;
  const notes = corrections.length > 0 ? correctionNotes(corrections, style) : '';
  if (isStored(body)) {
    const lead = image && unless ? { html: leadFigure(image, style), unless } : undefined;
    return { body, ...(lead ? { lead } : {}), after: notes };
  }
  const lead = image && unless && !body.includes(unless) ? leadFigure(image, style) : '';
  return `${lead}${body}${notes}`;
}

/** The lead image as a figure: the image, then its caption and credit. */
export function leadFigure(image: ItemImage, { language }: Pick<NoteStyle, 'language'>): string {
  const size =
    image.width && image.height ? ` width="${image.width}" height="${image.height}"` : '';
  const alt = escapeHtml(image.alt ?? image.caption ?? '');
  const caption = image.caption ? escapeHtmlText(image.caption) : '';
  const credit = image.credit
    ? `<span class="credit">${fillText(language.text.photoCredit, { credit: escapeHtmlText(image.credit) }, escapeHtmlText)}</span>`
    : '';
  const text = [caption, credit].filter(Boolean).join(' ');
  const figcaption = text ? `<figcaption>${text}</figcaption>` : '';
  return `<figure class="lead-image"><img src="${escapeHtml(image.url)}" alt="${alt}"${size}>${figcaption}</figure>\n`;
}

/** Every correction, oldest first, as a dated note. */
export function correctionNotes(
  corrections: readonly Correction[],
  { timezone, language }: NoteStyle,
): string {
  const notes = corrections.map(({ date, text }) => {
    const shown = escapeHtmlText(formatDate(date, timezone, false, localeOf(language)));
    const time = `<time datetime="${date.toISOString()}">${shown}</time>`;
    const label = fillText(language.text.correction, { date: time }, escapeHtmlText);
    return `<p class="correction"><strong>${label}</strong> ${escapeHtmlText(text)}</p>`;
  });
  const name = escapeHtml(language.text.corrections);
  return `\n<aside class="corrections" aria-label="${name}">\n${notes.join('\n')}\n</aside>\n`;
}
