import type { Diagnostic } from '../diagnostics.js';
import type { Post, SiteConfig } from '../model.js';
import { stripXmlForbidden } from '../text.js';
import { validatePost } from '../validate/validate-post.js';
import { decodeSource } from './decode-source.js';
import { type FrontMatter, parseFrontMatter } from './front-matter.js';
import type { PostHead } from './read-source.js';

export interface ParsedPost {
  post?: Post;
  diagnostics: Diagnostic[];
}

/** A whole post file in memory (library use, tests): front matter validated, body loaded. */
export function parsePost(
  bytes: Uint8Array,
  sourcePath: string,
  display: string,
  config: SiteConfig,
): ParsedPost {
  const decoded = decodeSource(bytes, display);
  if (!decoded.ok) return { diagnostics: [decoded.diagnostic] };
  const { post, diagnostics, frontMatter } = parseText(decoded.text, sourcePath, display, config);
  if (!post || !frontMatter) return { diagnostics };
  const body = cleanBody(frontMatter.body, display, frontMatter.bodyLine);
  return { post: { ...post, body: body.body }, diagnostics: [...diagnostics, ...body.diagnostics] };
}

/** A post's head only (see `readPostHead`): validated, body left on disk at `bodyOffset`. */
export function parsePostHead(
  head: PostHead,
  sourcePath: string,
  display: string,
  config: SiteConfig,
): ParsedPost {
  const decoded = decodeSource(head.bytes, display);
  if (!decoded.ok) return { diagnostics: [decoded.diagnostic] };
  const { post, diagnostics } = parseText(decoded.text, sourcePath, display, config);
  return post ? { post: { ...post, bodyOffset: head.bodyOffset }, diagnostics } : { diagnostics };
}

/** Validated front matter, and the front matter it came from (which knows where the body is). */
function parseText(
  text: string,
  sourcePath: string,
  display: string,
  config: SiteConfig,
): ParsedPost & { frontMatter?: FrontMatter } {
  const fast = parseFrontMatter(text, display, { fast: true });
  if (!fast.ok) return { diagnostics: fast.diagnostics };
  const result = validatePost(fast.frontMatter, sourcePath, display, config);
  if (result.diagnostics.length === 0 || fast.frontMatter.locations) {
    return { ...result, frontMatter: fast.frontMatter };
  }
  // Something to report: read it again with the parser that knows lines and columns.
  const precise = parseFrontMatter(text, display);
  if (!precise.ok) return { diagnostics: precise.diagnostics };
  return {
    ...validatePost(precise.frontMatter, sourcePath, display, config),
    frontMatter: precise.frontMatter,
  };
}

/** A body read from disk: strict UTF-8, LF line endings, no characters XML cannot carry. */
export function decodeBody(
  bytes: Uint8Array,
  display: string,
  bodyLine?: number,
): { body?: string; diagnostics: Diagnostic[] } {
  const decoded = decodeSource(bytes, display);
  if (!decoded.ok) {
    const line = decoded.diagnostic.line;
    return {
      diagnostics: [
        {
          ...decoded.diagnostic,
          ...(line !== undefined && bodyLine !== undefined ? { line: line + bodyLine - 1 } : {}),
        },
      ],
    };
  }
  return cleanBody(decoded.text, display, bodyLine);
}

/** Removes what XML cannot carry from a body, with a warning that says so. */
export function cleanBody(
  text: string,
  display: string,
  bodyLine?: number,
): { body: string; diagnostics: Diagnostic[] } {
  const { text: body, removed } = stripXmlForbidden(text);
  const diagnostics: Diagnostic[] =
    removed > 0
      ? [
          {
            severity: 'warning',
            code: 'control-characters',
            file: display,
            ...(bodyLine !== undefined ? { line: bodyLine } : {}),
            field: 'body',
            message: `${removed} control character${removed === 1 ? '' : 's'} removed (XML cannot carry them)`,
            fix: 'delete the invisible characters from the text',
          },
        ]
      : [];
  return { body, diagnostics };
}
