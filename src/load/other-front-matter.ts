/**
 * Front matter as Hugo and Zola write it besides YAML: TOML between `+++` lines, and JSON — an
 * object at the top of the file (Hugo), or between `---json` and `---` lines. Neither runs code.
 * Dates become the strings they were written as (TOML's local date-times keep no offset), so the
 * site's time zone applies to them as it does to YAML's.
 */
import { codeFrame, type Diagnostic } from '../diagnostics.js';
import { lazyPackage } from '../lazy-package.js';
import type { FieldLocation, FrontMatter, FrontMatterResult } from '../model.js';
import { countLines } from '../text.js';

type Problem = Omit<Diagnostic, 'severity' | 'file'>;

/** The kinds of front matter other than YAML, by how the file opens. */
export type OtherFormat = 'toml' | 'json-fenced' | 'json-object';

/** The format of front matter other than YAML that `text` opens with, if any. */
export function otherFormatOf(text: string): OtherFormat | undefined {
  if (/^\+\+\+[ \t]*(\n|$)/.test(text)) return 'toml';
  if (/^---json[ \t]*(\n|$)/.test(text)) return 'json-fenced';
  if (text.startsWith('{')) return 'json-object';
  return undefined;
}

/** Reads TOML or JSON front matter, with a location for each top-level key. */
export function parseOtherFrontMatter(
  text: string,
  file: string,
  format: OtherFormat,
): FrontMatterResult {
  const fail = (problem: Problem): FrontMatterResult => ({
    ok: false,
    diagnostics: [{ severity: 'error', file, ...problem }],
  });
  const split = splitSource(text, format);
  if (!split) {
    const closer = format === 'toml' ? '+++' : format === 'json-fenced' ? '---' : '}';
    return fail({
      code: 'front-matter-unclosed',
      line: 1,
      column: 1,
      message: 'the front matter is never closed',
      fix: `add a line "${closer}" after the last front-matter line`,
    });
  }
  const read = format === 'toml' ? readToml(split.source) : readJson(split.source);
  if ('problem' in read) {
    const line = read.problem.line + split.firstLine - 1;
    const frame = codeFrame(text.split('\n'), line, read.problem.column);
    return fail({ ...read.problem, line, frame });
  }
  const frontMatter: FrontMatter = {
    data: read.data,
    locations: keyLines(split.source, split.firstLine, format),
    body: text.slice(split.bodyStart),
    bodyLine: countLines(text, split.bodyStart),
  };
  return { ok: true, frontMatter };
}

/** The front matter's source, the file line it starts on, and where the body starts. */
function splitSource(
  text: string,
  format: OtherFormat,
): { source: string; firstLine: number; bodyStart: number } | undefined {
  if (format === 'json-object') {
    const firstEnd = text.indexOf('\n') === -1 ? text.length : text.indexOf('\n');
    if (text.slice(0, firstEnd).trimEnd().endsWith('}')) {
      return { source: text.slice(0, firstEnd), firstLine: 1, bodyStart: firstEnd + 1 };
    }
    const close = /\n\}[ \t\r]*(\n|$)/.exec(text);
    if (!close) return undefined;
    const end = close.index + 2;
    return { source: text.slice(0, end), firstLine: 1, bodyStart: close.index + close[0].length };
  }
  const fence = format === 'toml' ? /\n\+\+\+[ \t]*(\n|$)/ : /\n(---|\.\.\.)[ \t]*(\n|$)/;
  const open = text.indexOf('\n');
  if (open === -1) return undefined;
  const close = fence.exec(text);
  if (!close) return undefined;
  return {
    source: text.slice(open + 1, close.index + 1),
    firstLine: 2,
    bodyStart: close.index + close[0].length,
  };
}

/** smol-toml, loaded by the first post with TOML front matter. */
const toml = lazyPackage<typeof import('smol-toml')>('smol-toml');

type Read =
  | { data: Record<string, unknown> }
  | { problem: Problem & { line: number; column: number } };

function readToml(source: string): Read {
  try {
    return { data: plain(toml().parse(source), true) as Record<string, unknown> };
  } catch (error) {
    const { TomlError } = toml();
    const e = error as InstanceType<typeof TomlError>;
    const message = (e.message ?? String(error)).split('\n')[0] ?? '';
    return {
      problem: {
        code: 'toml-syntax',
        line: e instanceof TomlError ? e.line : 1,
        column: e instanceof TomlError ? e.column : 1,
        message: `TOML syntax error: ${message.replace(/^Invalid TOML document: /, '')}`,
        fix: 'check this line: quote text values ("…"), and write one key = value per line',
      },
    };
  }
}

function readJson(source: string): Read {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    const { offset, what } = jsonErrorAt(source, (error as Error).message);
    const before = source.slice(0, offset).split('\n');
    return {
      problem: {
        code: 'json-syntax',
        line: before.length,
        column: (before.at(-1)?.length ?? 0) + 1,
        message: `JSON syntax error: ${what}`,
        fix: 'check the quotes and commas near here: keys and text values are in double quotes',
      },
    };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      problem: {
        code: 'front-matter-not-mapping',
        line: 1,
        column: 1,
        message: 'the front matter is not a JSON object',
        fix: 'write it as {"title": "…", "date": "…"}',
      },
    };
  }
  // Own properties only, `__proto__` included, as YAML's data is.
  return { data: plain(data) as Record<string, unknown> };
}

/**
 * Where JSON.parse stopped, and why, from its message: V8 gives a position ("… at position 8")
 * or the text around the bad token (`Unexpected token '}', ..."date": }" is not valid JSON`,
 * 10 characters either side).
 */
function jsonErrorAt(source: string, message: string): { offset: number; what: string } {
  const position = /^(.*) in JSON at position (\d+)/.exec(message);
  if (position) return { offset: Number(position[2]), what: position[1] ?? message };
  const token = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON$/.exec(
    message,
  );
  if (!token) return { offset: 0, what: message.split('\n')[0] ?? message };
  const [, bad = '', cut, around = ''] = token;
  const start = source.indexOf(around);
  const offset = start !== -1 && cut ? start + 10 : source.indexOf(bad);
  return { offset: Math.max(0, offset), what: `unexpected "${bad}"` };
}

/**
 * TOML dates as the text they were written as; objects rebuilt as plain own-property data. (A
 * TOML date can only come from smol-toml, so JSON front matter never loads it to ask.)
 */
function plain(value: unknown, dates = false): unknown {
  if (dates && value instanceof toml().TomlDate) return value.toISOString();
  if (Array.isArray(value)) return value.map((inner) => plain(inner, dates));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      Object.defineProperty(out, key, {
        value: plain(inner, dates),
        enumerable: true,
        writable: true,
      });
    }
    return out;
  }
  return value;
}

/** Where each top-level key is written (its line), for messages. */
function keyLines(
  source: string,
  firstLine: number,
  format: OtherFormat,
): Map<string, FieldLocation> {
  const locations = new Map<string, FieldLocation>();
  const lines = source.split('\n');
  let inTable = false;
  const pattern =
    format === 'toml'
      ? /^(\s*)("([^"]+)"|'([^']+)'|([\w-]+))\s*=/
      : /^(\s*)"((?:[^"\\]|\\.)+)"\s*:/;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    // TOML: keys after the first [table] belong to it; a table's own name is a top-level key.
    const table = format === 'toml' ? /^\s*\[([\w-]+)\]/.exec(line) : null;
    if (table?.[1] || (format === 'toml' && /^\s*\[/.test(line))) {
      inTable = true;
      if (table?.[1] && !locations.has(table[1]))
        locations.set(table[1], { line: i + firstLine, column: 1 });
      continue;
    }
    const match = inTable ? null : pattern.exec(line);
    if (!match) continue;
    const key = format === 'toml' ? (match[3] ?? match[4] ?? match[5]) : match[2];
    const column = (match[1]?.length ?? 0) + 1;
    if (key && !locations.has(key)) locations.set(key, { line: i + firstLine, column });
  }
  return locations;
}
