/**
 * The words of the pages, per language: English and French built in, any string overridable in
 * the config (`text`). Placeholders in braces (`{site}`, `{name}`, `{n}`…) stand for what each
 * sentence is about; a text that depends on a number has a `one` and an `other` form.
 */
import type { PageText, PluralKey, PluralText } from '../model.js';
import { primarySubtag } from '../text.js';

const ENGLISH: PageText = {
  skipToContent: 'Skip to content',
  sections: 'Sections',
  latest: 'Latest',
  allCategories: 'All categories',
  subscribe: 'Subscribe',
  latestStories: 'Latest stories',
  noStories: 'No stories yet.',
  moreStories: 'More stories',
  newerStories: 'Newer stories',
  olderStories: 'Older stories',
  pageOf: 'Page {page} of {pages}',
  olderStoriesHeading: 'Older stories, page {page} of {pages}',
  pageTitle: '{name} — page {page}',
  and: ' and ',
  listSeparator: ', ',
  onHost: 'on {host}',
  subscribeIntro:
    'A feed sends you new stories as they are published. To subscribe, copy a feed link below into a feed reader such as NetNewsWire, Feedly or Miniflux. Not sure which format? Choose RSS.',
  everything: 'Everything from {site}',
  theWholeSite: 'the whole site',
  copyAddress: 'Or copy this address:',
  everyFeedInOneFile: 'Every feed in one file',
  opmlNote: '(OPML: most readers import it in one step)',
  feedFor: 'feed for',
  jsonFeedFor: 'for',
  storiesBy: 'Stories by {name}',
  taggedName: 'Tagged {name}',
  followEveryStory: 'Follow every story:',
  builtWith: 'Built with feedwright.',
  allFeedsByCategory: 'All feeds, by category',
  kindCategory: 'Category',
  kindAuthor: 'Author',
  kindTag: 'Tag',
  ledeCategory: 'Stories filed under {name} on {site}.',
  ledeTag: 'Stories tagged {name} on {site}.',
  ledeAuthor: 'Stories by {name} on {site}.',
  published: 'Published {date}',
  updated: 'Updated {date}',
  byline: 'By {names}',
  filedUnder: 'Filed under {list}',
  tagged: 'Tagged {list}',
  backToAll: 'Back to all stories',
  untitled: 'Untitled',
  noLongerAvailable: 'This story is no longer available.',
  withdrawnOn: 'This story is no longer available: it was withdrawn on {date}.',
  noLongerAvailableTitle: '{title} — no longer available',
  moved: 'This story has moved: {link}.',
  categories: 'Categories',
  categoriesPageTitle: 'Categories — page {page}',
  categoriesDescription: 'Every category of {site}, with its feeds.',
  moreCategories: 'More categories',
  previousCategories: 'Previous categories',
  nextCategories: 'Next categories',
  categoriesByPage: 'Categories by page',
  translations: 'This story in other languages',
  otherLanguages: 'Other languages',
  everyFeed: 'Every feed',
  feedTitleCategory: '{site} — {name}',
  feedDescriptionCategory: '{name} from {site}.',
  feedDescriptionAuthor: 'Stories by {name} from {site}.',
  feedTitleTag: '{site} — tag: {name}',
  feedDescriptionTag: 'Stories tagged {name} from {site}.',
  archiveTitle: '{title} — archive {n}',
  correction: 'Correction, {date}:',
  corrections: 'Corrections',
  photoCredit: 'Photo: {credit}',
  storyCount: { one: '{n} story', other: '{n} stories' },
  moreCategoryCount: { one: '{n} more category', other: '{n} more categories' },
  allCategoriesAndFeeds: {
    one: 'All {n} category and their feeds',
    other: 'All {n} categories and their feeds',
  },
  categoriesLede: {
    one: 'All {n} category of {site}, A to Z, each with its number of stories and its own feeds.',
    other:
      'All {n} categories of {site}, A to Z, each with its number of stories and its own feeds.',
  },
};

const FRENCH: PageText = {
  skipToContent: 'Aller au contenu',
  sections: 'Rubriques',
  latest: 'À la une',
  allCategories: 'Toutes les rubriques',
  subscribe: 'S’abonner',
  latestStories: 'Derniers articles',
  noStories: 'Aucun article pour l’instant.',
  moreStories: 'Autres articles',
  newerStories: 'Articles plus récents',
  olderStories: 'Articles plus anciens',
  pageOf: 'Page {page} sur {pages}',
  olderStoriesHeading: 'Articles plus anciens, page {page} sur {pages}',
  pageTitle: '{name} — page {page}',
  and: ' et ',
  listSeparator: ', ',
  onHost: 'sur {host}',
  subscribeIntro:
    'Un fil vous envoie les nouveaux articles dès leur publication. Pour vous abonner, copiez l’un des liens ci-dessous dans un lecteur de fils comme NetNewsWire, Feedly ou Miniflux. Quel format choisir ? RSS, dans le doute.',
  everything: 'Tout {site}',
  theWholeSite: 'tout le site',
  copyAddress: 'Ou copiez cette adresse :',
  everyFeedInOneFile: 'Tous les fils en un seul fichier',
  opmlNote: '(OPML : la plupart des lecteurs l’importent en une étape)',
  feedFor: 'fil pour',
  jsonFeedFor: 'pour',
  storiesBy: 'Articles de {name}',
  taggedName: 'Mot-clé {name}',
  followEveryStory: 'Suivez tous les articles :',
  builtWith: 'Produit avec feedwright.',
  allFeedsByCategory: 'Tous les fils, par rubrique',
  kindCategory: 'Rubrique',
  kindAuthor: 'Auteur',
  kindTag: 'Mot-clé',
  ledeCategory: 'Les articles de la rubrique {name} sur {site}.',
  ledeTag: 'Les articles au mot-clé {name} sur {site}.',
  ledeAuthor: 'Les articles de {name} sur {site}.',
  published: 'Publié le {date}',
  updated: 'Mis à jour le {date}',
  byline: 'Par {names}',
  filedUnder: 'Rubriques : {list}',
  tagged: 'Mots-clés : {list}',
  backToAll: 'Retour à tous les articles',
  untitled: 'Sans titre',
  noLongerAvailable: 'Cet article n’est plus disponible.',
  withdrawnOn: 'Cet article n’est plus disponible : il a été retiré le {date}.',
  noLongerAvailableTitle: '{title} — article retiré',
  moved: 'Cet article a été déplacé : {link}.',
  categories: 'Rubriques',
  categoriesPageTitle: 'Rubriques — page {page}',
  categoriesDescription: 'Toutes les rubriques de {site}, avec leurs fils.',
  moreCategories: 'Autres rubriques',
  previousCategories: 'Rubriques précédentes',
  nextCategories: 'Rubriques suivantes',
  categoriesByPage: 'Rubriques par page',
  translations: 'Cet article dans d’autres langues',
  otherLanguages: 'Autres langues',
  everyFeed: 'Tous les fils',
  feedTitleCategory: '{site} — {name}',
  feedDescriptionCategory: '{name} : les articles de {site}.',
  feedDescriptionAuthor: 'Les articles de {name} sur {site}.',
  feedTitleTag: '{site} — mot-clé : {name}',
  feedDescriptionTag: 'Les articles au mot-clé {name} sur {site}.',
  archiveTitle: '{title} — archives {n}',
  correction: 'Correction, {date} :',
  corrections: 'Corrections',
  photoCredit: 'Photo : {credit}',
  storyCount: { one: '{n} article', other: '{n} articles' },
  moreCategoryCount: { one: '{n} autre rubrique', other: '{n} autres rubriques' },
  allCategoriesAndFeeds: {
    one: 'La rubrique et ses fils',
    other: 'Les {n} rubriques et leurs fils',
  },
  categoriesLede: {
    one: 'La seule rubrique de {site}, avec son nombre d’articles et ses propres fils.',
    other:
      'Les {n} rubriques de {site}, de A à Z, chacune avec son nombre d’articles et ses propres fils.',
  },
};

/** The built-in tables, by primary language subtag. */
export const BUILT_IN_TEXT: Readonly<{ en: PageText; fr: PageText }> = { en: ENGLISH, fr: FRENCH };

/** Keys whose text depends on a number. */
export const PLURAL_KEYS: readonly PluralKey[] = Object.keys(ENGLISH).filter(
  (key) => typeof ENGLISH[key as keyof PageText] === 'object',
) as PluralKey[];

/** Every key of the page text, in the table's order. */
export const TEXT_KEYS: readonly (keyof PageText)[] = Object.keys(ENGLISH) as (keyof PageText)[];

/** The built-in table for `tag` (by its primary subtag), or undefined when there is none. */
export function builtInText(tag: string): PageText | undefined {
  const primary = primarySubtag(tag);
  const tables: Readonly<Record<string, PageText>> = BUILT_IN_TEXT;
  return Object.hasOwn(tables, primary) ? tables[primary] : undefined;
}

/** The placeholders a text names, e.g. `{site}` → `site`, in order. */
export function placeholders(text: string | PluralText): string[] {
  const all = typeof text === 'string' ? text : `${text.one} ${text.other}`;
  return [...new Set([...all.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))];
}
