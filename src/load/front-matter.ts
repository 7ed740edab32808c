import jsYaml from 'js-yaml';
import { codeFrame, type Diagnostic } from '../diagnostics.js';
import { lazyPackage } from '../lazy-package.js';
import type { FieldLocation, FrontMatter, FrontMatterResult } from '../model.js';
import { countLines, escapeRegExp } from '../text.js';
import { otherFormatOf, parseOtherFrontMatter } from './other-front-matter.js';
import { MAX_FRONT_MATTER_BYTES } from './read-source.js';
import { aliasProblem } from './yaml-aliases.js';

// gray-matter and the yaml package serve the precise path only (a post with something to
// report): most builds never need them, so they load on first use.
const matter = lazyPackage<typeof import('gray-matter')>('gray-matter');
const yaml = lazyPackage<typeof import('yaml')>('yaml');

export type { FieldLocation, FrontMatter, FrontMatterResult } from '../model.js';

const refuse = (): never => {
  throw new Error('front matter languages other than YAML are never evaluated');
};
// gray-matter evals `---js` front matter by default; every code-running engine is replaced.
const SAFE_ENGINES = {
  js: refuse,
  javascript: refuse,
  coffee: refuse,
  coffeescript: refuse,
  cson: refuse,
};

type Problem = Omit<Diagnostic, 'severity' | 'file'>;

/** Front-matter languages that are programs: never run. */
const CODE_LANGUAGES = ['js', 'javascript', 'coffee', 'coffeescript', 'cson'];

const tooLarge: Problem = {
  code: 'front-matter-too-large',
  line: 1,
  column: 1,
  message: `the front matter is larger than ${MAX_FRONT_MATTER_BYTES / 1024} KiB`,
  fix: 'move long text into the body of the post',
};

/**
 * Splits `text` (already BOM-free, LF line endings) into front matter and body: YAML between
 * `---` lines, or TOML (`+++`) and JSON as Hugo and Zola write them (see `other-front-matter.ts`).
 * Dates stay strings (YAML core schema) so the site time zone can be applied later.
 *
 * For YAML, `fast` reads the YAML with js-yaml (about ten times faster) and gives no locations; any
 * problem, any post with something to report, and any front matter that may use an alias is
 * read again without it, by the `yaml` package, whose errors carry lines and codes and which
 * refuses alias bombs before expanding them.
 */
export function parseFrontMatter(
  text: string,
  file: string,
  options: { fast?: boolean } = {},
): FrontMatterResult {
  const fail = (problem: Problem): FrontMatterResult => ({
    ok: false,
    diagnostics: [{ severity: 'error', file, ...problem }],
  });
  const other = otherFormatOf(text);
  if (other) {
    const size = /\n(\+\+\+|---|\})[ \t]*(\n|$)/.exec(text)?.index ?? text.length;
    if (size > MAX_FRONT_MATTER_BYTES) return fail(tooLarge);
    return parseOtherFrontMatter(text, file, other);
  }
  const fences = findFences(text);
  if ('problem' in fences) return fail(fences.problem);
  if (options.fast) {
    const fast = parseFast(text, fences.closeStart, fences.bodyStart);
    if (fast) return { ok: true, frontMatter: fast };
  }
  return parsePrecise(text, file, fail);
}

/** Where the closing fence starts and the body begins, or what is wrong with the fences. */
function findFences(
  text: string,
): { closeStart: number; bodyStart: number } | { problem: Problem } {
  if (!/^---[^\n]*(\n|$)/.test(text)) {
    return {
      problem: {
        code: 'front-matter-missing',
        line: 1,
        column: 1,
        message: 'the file has no front matter',
        fix: 'start it with a line "---", then "title:" and "date:", then a closing "---" (TOML between "+++" lines and JSON are read too)',
      },
    };
  }
  // What follows the opening `---` names the language (gray-matter's rule): only YAML is read.
  const raw = text.slice(3, (text.indexOf('\n') + 1 || text.length + 1) - 1);
  if (raw.trim() && raw.trim() !== 'yaml') {
    return {
      problem: {
        code: 'front-matter-language',
        field: 'front matter',
        line: 1,
        column: 4,
        message: CODE_LANGUAGES.includes(raw.trim())
          ? `front matter in "${raw}" is not accepted (it would run code)`
          : `front matter in "${raw}" is not a language feedwright reads`,
        fix: 'use YAML (a first line exactly "---"), TOML ("+++") or JSON ("---json")',
      },
    };
  }
  const close = /\n(---|\.\.\.)[ \t]*(\n|$)/.exec(text);
  // Without a closing fence, all the text read counts (and a huge head is cut off unread).
  if ((close ? close.index : text.length) > MAX_FRONT_MATTER_BYTES) return { problem: tooLarge };
  if (!close) {
    return {
      problem: {
        code: 'front-matter-unclosed',
        line: 1,
        column: 1,
        message: 'the front matter is never closed',
        fix: 'add a line "---" after the last front-matter line',
      },
    };
  }
  return { closeStart: close.index, bodyStart: close.index + close[0].length };
}

/** gray-matter splits the file, the `yaml` package reads it with locations for every key. */
function parsePrecise(
  text: string,
  file: string,
  fail: (problem: Problem) => FrontMatterResult,
): FrontMatterResult {
  let yamlSource = '';
  const parsed = matter()(text, {
    language: 'yaml',
    engines: {
      ...SAFE_ENGINES,
      yaml: (source: string) => {
        yamlSource = source;
        return {};
      },
    },
  });
  const { LineCounter, parseDocument, isMap } = yaml();
  const lineCounter = new LineCounter();
  // gray-matter hands the engine the text from the end of the opening fence, so YAML
  // line numbers are file line numbers.
  const doc = parseDocument(yamlSource, {
    schema: 'core',
    // Checked below in one pass: yaml's own check compares every key with every other one.
    uniqueKeys: false,
    prettyErrors: false,
    lineCounter,
  });
  const errors = [...doc.errors, ...duplicateKeys(doc)].sort((a, b) => a.pos[0] - b.pos[0]);
  if (errors.length > 0)
    return { ok: false, diagnostics: yamlErrors(errors, text, file, lineCounter) };
  const aliases = aliasProblem(doc, lineCounter, yaml());
  if (aliases) return fail(aliases);
  // Within the limits just checked; yaml's own alias check takes time quadratic in the aliases.
  let data: unknown = doc.toJS({ maxAliasCount: -1 });
  if (data === null || data === undefined) data = {};
  if (
    typeof data !== 'object' ||
    Array.isArray(data) ||
    (doc.contents !== null && !isMap(doc.contents))
  ) {
    return fail({
      code: 'front-matter-not-mapping',
      line: 2,
      column: 1,
      message: 'the front matter is not a list of "key: value" lines',
      fix: 'write one "key: value" per line, e.g. "title: My post"',
    });
  }
  const consumed = text.length - parsed.content.length;
  return {
    ok: true,
    frontMatter: {
      data: data as Record<string, unknown>,
      locations: keyLocations(doc, lineCounter),
      body: parsed.content,
      bodyLine: countLines(text, consumed),
    },
  };
}

type YamlDocument = ReturnType<typeof import('yaml').parseDocument>;
type LineCounter = InstanceType<typeof import('yaml').LineCounter>;

type YamlError = Pick<YamlDocument['errors'][number], 'pos' | 'code' | 'message'>;

/** A key written twice in one map (yaml's DUPLICATE_KEY error, found in linear time). */
function duplicateKeys(doc: YamlDocument): YamlError[] {
  const { visit, isScalar } = yaml();
  const found: YamlError[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key) || Number.isNaN(key.value)) continue;
        if (!seen.has(key.value)) seen.add(key.value);
        else {
          const at = key.range?.[0] ?? 0;
          found.push({ pos: [at, at], code: 'DUPLICATE_KEY', message: 'Map keys must be unique' });
        }
      }
    },
  });
  return found;
}

function yamlErrors(
  errors: readonly YamlError[],
  text: string,
  file: string,
  lineCounter: LineCounter,
): Diagnostic[] {
  const lines = text.split('\n');
  return errors.map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    return {
      severity: 'error' as const,
      code: `yaml-${error.code.toLowerCase().replaceAll('_', '-')}`,
      file,
      line: pos.line,
      column: pos.col,
      message: `YAML syntax error: ${firstLine(error.message)}`,
      fix: yamlFix(error.code),
      frame: codeFrame(lines, pos.line, pos.col),
    };
  });
}

/** Where each top-level key's value starts (or the key, when it has no value). */
function keyLocations(doc: YamlDocument, lineCounter: LineCounter): Map<string, FieldLocation> {
  const { isMap, isScalar } = yaml();
  const locations = new Map<string, FieldLocation>();
  if (!isMap(doc.contents)) return locations;
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const node = (pair.value ?? pair.key) as { range?: [number, number, number] } | null;
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    locations.set(String(pair.key.value), { line: pos.line, column: pos.col });
  }
  return locations;
}

/**
 * js-yaml, YAML 1.2 core schema (no dates, no code), on the text between the fences found
 * above; undefined if it finds any problem. gray-matter's own splitting (and its per-call cache
 * lookup keyed by the whole text) costs more than the YAML here, so it is left to the precise path.
 */
function parseFast(text: string, closeStart: number, bodyStart: number): FrontMatter | undefined {
  const source = text.slice(text.indexOf('\n') + 1, closeStart + 1);
  // js-yaml expands aliases without any limit, so a "billion laughs" would blow up in whatever
  // reads the data next: anything that may hold an alias (`*name`) takes the precise path.
  if (source.includes('*')) return undefined;
  let data: unknown;
  try {
    data = jsYaml.load(source, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (data === undefined || data === null) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) return undefined;
  return {
    data: data as Record<string, unknown>,
    body: text.slice(bodyStart),
    bodyLine: countLines(text, bodyStart),
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

function yamlFix(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'keep one of the two keys';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and the quotes on this line';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    default:
      return 'quote values that contain ": " or start with a special character such as [ { * & ! | > \' " % @ `';
  }
}

/**
 * Where the value of a top-level YAML key starts in a post's text (1-based): the first line after
 * the opening fence that starts with `key:`. A line scan, for placing a message about the key
 * without a second parse.
 */
export function valueAt(text: string, key: string): { line: number; column: number } | undefined {
  const lines = text.split(/\r?\n/);
  const starts = new RegExp(`^${escapeRegExp(key)}\\s*:\\s*`);
  const at = lines.findIndex((line, i) => i > 0 && starts.test(line));
  if (at === -1) return undefined;
  const line = lines[at] ?? '';
  const value = starts.exec(line)?.[0].length ?? 0;
  return { line: at + 1, column: line.length > value ? value + 1 : 1 };
}
