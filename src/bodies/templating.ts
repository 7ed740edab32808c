/**
 * Posts from Jekyll and Hugo hold template code another tool cannot run: Liquid tags
 * (`{% highlight ruby %}`, `{% include x.html %}`, `{{ site.url }}`) and Hugo shortcodes
 * (`{{< youtube id >}}`). The common ones become Markdown — a highlight block a fenced code block,
 * a video a link to it, a figure an image — and every other one is left out, with a warning
 * naming its line, so none leaks into a story or its summary. Code blocks and code spans are
 * left as they are: a post about Liquid shows it.
 */

/** A problem in a post's body; `line` counts from the body's first line (1). */
export interface BodyProblem {
  line: number;
  code: string;
  message: string;
  fix: string;
}

import type { Token } from 'markdown-it';
import type { Conventions } from '../model.js';
import { markdown } from './markdown.js';

const TEMPLATE =
  /\{%-?\s*([\s\S]*?)\s*-?%\}|\{\{[<%]\s*([\s\S]*?)\s*[>%]\}\}|\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;

interface Block {
  /** What ends it: a Liquid tag name or a shortcode closing name. */
  end: RegExp;
  /** Code inside: passed through as it is. */
  code: boolean;
  /** Dropped with its content (a Liquid comment). */
  drop: boolean;
}

/**
 * The body of a post written for another tool with its template code turned into Markdown or
 * left out, and what was left out: Hugo's shortcodes in Hugo posts, Liquid-style tags and
 * `{{ output }}` in Jekyll's, Eleventy's and Zola's. A post of feedwright's own has no template
 * code: `{{ … }}` in it is prose (about Mustache, say) and stays as written.
 */
export function untemplated(
  body: string,
  conventions?: Conventions,
): { body: string; problems: BodyProblem[] } {
  if (!conventions || (!body.includes('{%') && !body.includes('{{'))) return { body, problems: [] };
  const liquid = conventions !== 'hugo';
  const problems: BodyProblem[] = [];
  const out: string[] = [];
  const code = codeLines(body);
  let block: Block | undefined;
  body.split('\n').forEach((line, i) => {
    if (block) {
      if (block.end.test(line)) {
        if (block.code) out.push('```');
        block = undefined;
      } else if (!block.drop) out.push(line);
      return;
    }
    if (code.has(i)) {
      out.push(line);
      return;
    }
    const opened = blockOpening(line, liquid);
    if (opened) {
      block = opened.block;
      if (opened.fence !== undefined) out.push(opened.fence);
      return;
    }
    const raw = liquid ? inlineRaw(line) : line;
    out.push(outsideCodeSpans(raw, (text) => replaceTags(text, i + 1, problems, liquid)));
  });
  return { body: out.join('\n'), problems };
}

/**
 * The lines (from 0) of the body's code, as Markdown reads it: fenced and indented code blocks,
 * in lists and quotes too, and raw `<pre>`/`<code>` HTML blocks — never template code.
 */
function codeLines(body: string): Set<number> {
  const lines = new Set<number>();
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      const isCode = token.type === 'fence' || token.type === 'code_block';
      const isPre = token.type === 'html_block' && /<(pre|code)\b/i.test(token.content);
      if ((isCode || isPre) && token.map) {
        for (let line = token.map[0]; line < token.map[1]; line++) lines.add(line);
      }
      if (token.children) visit(token.children);
    }
  };
  visit(markdown.parse(body, {}));
  return lines;
}

/** A line that opens a block tag: highlight (code), raw (text kept), comment (dropped). */
function blockOpening(
  line: string,
  liquidPost: boolean,
): { block: Block; fence?: string } | undefined {
  const liquid = liquidPost
    ? /^\s*\{%-?\s*(highlight|raw|comment)\b\s*([\w+#.-]*)[^%]*-?%\}\s*$/.exec(line)
    : null;
  if (liquid) {
    const [, tag, lang = ''] = liquid;
    const end = new RegExp(`^\\s*\\{%-?\\s*end${tag}\\s*-?%\\}\\s*$`);
    if (tag === 'highlight')
      return { block: { end, code: true, drop: false }, fence: `\`\`\`${lang}` };
    return { block: { end, code: false, drop: tag === 'comment' } };
  }
  const hugo = liquidPost
    ? null
    : /^\s*\{\{[<%]\s*highlight\s+([\w+#.-]+)[^>%]*[>%]\}\}\s*$/.exec(line);
  if (hugo) {
    const end = /^\s*\{\{[<%]\s*\/highlight\s*[>%]\}\}\s*$/;
    return { block: { end, code: true, drop: false }, fence: `\`\`\`${hugo[1]}` };
  }
  return undefined;
}

/** `line` with `change` applied to the text outside its code spans (`` `…` ``). */
function outsideCodeSpans(line: string, change: (text: string) => string): string {
  if (!line.includes('`')) return change(line);
  // A span opens and closes with runs of as many backticks (`` a ` b `` holds one).
  return line
    .split(/((`+)[\s\S]*?\2)/)
    .filter((_, i) => i % 3 !== 2)
    .map((part, i) => (i % 2 === 1 ? part : change(part)))
    .join('');
}

/** `{% raw %}…{% endraw %}` within one line: its text, as written (nothing in it is a tag). */
function inlineRaw(line: string): string {
  if (!line.includes('raw')) return line;
  return line.replace(/\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}/g, (_, text: string) =>
    text.replace(/\{/g, '\u0000'),
  );
}

/**
 * Template code in `text` (a line, outside code spans) made Markdown or left out. In a Liquid
 * post (`liquid`) a Hugo shortcode is text, and in a Hugo post Liquid is.
 */
function replaceTags(text: string, line: number, problems: BodyProblem[], liquid: boolean): string {
  return text
    .replace(TEMPLATE, (whole, liquidTag?: string, shortcode?: string, output?: string) => {
      if (shortcode !== undefined) {
        if (liquid) return whole;
        const markdown = shortcodeMarkdown(shortcode);
        if (markdown !== undefined) return markdown;
        problems.push(leftOut(line, 'shortcode', `Hugo shortcode ${whole}`));
        return '';
      }
      if (!liquid) return whole;
      const what = liquidTag !== undefined ? `Liquid tag ${whole}` : `Liquid output ${whole}`;
      if (liquidTag === undefined && output === undefined) return whole;
      problems.push(leftOut(line, 'liquid', what));
      return '';
    })
    .replace(/\u0000/g, '{');
}

/** Markdown for the shortcodes whose meaning is plain: videos, figures. */
function shortcodeMarkdown(inner: string): string | undefined {
  const [name = '', ...rest] = inner.trim().split(/\s+/);
  const args = rest.join(' ');
  const named = (key: string) =>
    new RegExp(`\\b${key}\\s*=\\s*"([^"]*)"`).exec(args)?.[1] ??
    new RegExp(`\\b${key}\\s*=\\s*'([^']*)'`).exec(args)?.[1];
  const first = named('id') ?? /^"?([\w-]+)"?$/.exec(args)?.[1];
  if (name === 'youtube' && first) return `<https://www.youtube.com/watch?v=${first}>`;
  if (name === 'vimeo' && first) return `<https://vimeo.com/${first}>`;
  if (name === 'figure') {
    const src = named('src');
    if (!src) return undefined;
    const alt = (named('alt') ?? named('caption') ?? named('title') ?? '').replace(/[[\]]/g, '');
    return `![${alt}](<${src}>)`;
  }
  return undefined;
}

function leftOut(line: number, kind: 'liquid' | 'shortcode', what: string): BodyProblem {
  return {
    line,
    code: kind === 'liquid' ? 'liquid-left-out' : 'shortcode-left-out',
    message: `${what.length > 80 ? `${what.slice(0, 79)}…` : what} cannot run here: it is left out`,
    fix:
      kind === 'liquid'
        ? 'write what it would have given as Markdown or HTML'
        : 'write what it would have given as Markdown or HTML (youtube, vimeo, figure and highlight are converted)',
  };
}
