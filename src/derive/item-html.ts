/**
 * The HTML an item carries besides its body: its lead image (with caption and credit) before it,
 * and its corrections, each a dated note, after it. Feeds and the story's page show the same.
 */
import type { Correction, ItemImage } from '../model.js';
import { escapeHtml, escapeHtmlText, formatDate } from '../text.js';

/** `body` with the lead image before it (unless the body shows it already) and the notes after. */
export function itemHtml(
  body: string,
  extras: { image?: ItemImage; corrections?: readonly Correction[] },
  timezone: string,
): string {
  const { image, corrections = [] } = extras;
  const lead = image && !body.includes(`src="${escapeHtml(image.url)}"`) ? leadFigure(image) : '';
  const notes = corrections.length > 0 ? correctionNotes(corrections, timezone) : '';
  return `${lead}${body}${notes}`;
}

/** The lead image as a figure: the image, then its caption and credit. */
export function leadFigure(image: ItemImage): string {
  const size =
    image.width && image.height ? ` width="${image.width}" height="${image.height}"` : '';
  const alt = escapeHtml(image.alt ?? image.caption ?? '');
  const caption = image.caption ? escapeHtmlText(image.caption) : '';
  const credit = image.credit
    ? `<span class="credit">Photo: ${escapeHtmlText(image.credit)}</span>`
    : '';
  const text = [caption, credit].filter(Boolean).join(' ');
  const figcaption = text ? `<figcaption>${text}</figcaption>` : '';
  return `<figure class="lead-image"><img src="${escapeHtml(image.url)}" alt="${alt}"${size}>${figcaption}</figure>\n`;
}

/** Every correction, oldest first, as a dated note. */
export function correctionNotes(corrections: readonly Correction[], timezone: string): string {
  const notes = corrections.map(
    ({ date, text }) =>
      `<p class="correction"><strong>Correction, <time datetime="${date.toISOString()}">${escapeHtmlText(formatDate(date, timezone, false))}</time>:</strong> ${escapeHtmlText(text)}</p>`,
  );
  return `\n<aside class="corrections" aria-label="Corrections">\n${notes.join('\n')}\n</aside>\n`;
}
