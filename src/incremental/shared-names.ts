/**
 * Posts taking the one copy of each of their names (`sharedName`) as they enter the build: 200,000
 * strings at 10,000 posts of 20 tags were each post's own, on every build.
 */
import type { Author, BodyOutcome, HeadRecord, PostRef } from '../model.js';
import { sharedName } from '../text.js';

/**
 * Has `post` (the caller's own: just decoded or received, never shared yet) use the shared copy
 * of each of its names, in place; returns it.
 */
export function shareNames<P extends Pick<PostRef, 'categories' | 'tags' | 'authors' | 'language'>>(
  post: P,
): P {
  share(post.categories);
  share(post.tags);
  for (const author of post.authors) shareByline(author);
  post.language = sharedName(post.language);
  return post;
}

/** A byline's texts: its name, and its profile's or the post's address, page, key, bio, image. */
function shareByline(author: Author): void {
  author.name = sharedName(author.name);
  for (const field of BYLINE_TEXTS) {
    const text = author[field];
    if (text !== undefined) author[field] = sharedName(text);
  }
}

const BYLINE_TEXTS = ['email', 'url', 'key', 'bio', 'image'] as const;

function share(names: string[]): void {
  for (let i = 0; i < names.length; i++) names[i] = sharedName(names[i] as string);
}

/** The texts a post's head record and its story both hold, by the story post's field. */
const HEAD_TEXTS = [
  'sourcePath',
  'slug',
  'url',
  'pagePath',
  'id',
  'link',
  'translationKey',
] as const;

/**
 * Has a story read with its head (a cold build's: the two come from another thread in one message,
 * and a message carries each string by value) take the head's copy of every text they both hold,
 * in place: its file's path, the post's slug, addresses and id, the front matter's hash — and the
 * post's own summary for the rendered one, until the story is taken in. At 100,000 posts the
 * main thread's heap once the site is rendered held ~60 MB of these second copies.
 */
export function shareHeadTexts(story: BodyOutcome, head: HeadRecord): void {
  if (story.sourcePath === head.sourcePath) story.sourcePath = head.sourcePath;
  if (story.headHash === head.headHash) story.headHash = head.headHash;
  const { post, rendered } = story;
  if (rendered && post && rendered.summary === post.summary) rendered.summary = post.summary;
  if (rendered && typeof rendered.contentHtml === 'object')
    rendered.contentHtml.file = sharedName(rendered.contentHtml.file);
  const ref = head.ref;
  if (!post || !ref) return;
  if (ref.sourcePath === head.sourcePath) ref.sourcePath = head.sourcePath;
  for (const field of HEAD_TEXTS) {
    const text = ref[field];
    if (text !== undefined && post[field] === text) post[field] = text;
  }
}
