/**
 * The HTML an item carries besides its body: its lead image (with caption and credit) before it,
 * and its corrections, each a dated note, after it. Feeds and the story's page show the same.
 */
import type { Correction, ItemImage, Language } from '../model.js';
import { escapeHtml, escapeHtmlText, fillText, formatDate, localeOf } from '../text.js';

/** What the notes are written in: the story's language (its words), in the site's time zone. */
export interface NoteStyle {
  timezone: string;
  language: Pick<Language, 'tag' | 'text' | 'locale'>;
}

/** `body` with the lead image before it (unless the body shows it already) and the notes after. */
export function itemHtml(
  body: string,
  extras: { image?: ItemImage; corrections?: readonly Correction[] },
  style: NoteStyle,
): string {
  const { image, corrections = [] } = extras;
  const lead =
    image && !body.includes(`src="${escapeHtml(image.url)}"`) ? leadFigure(image, style) : '';
  const notes = corrections.length > 0 ? correctionNotes(corrections, style) : '';
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
