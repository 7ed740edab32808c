import { type Diagnostic, removedCharacters } from './diagnostics.js';
import type { Person } from './model.js';
import { collapseWhitespace, stripXmlForbidden } from './text.js';
import { parseHttpUrl } from './urls.js';

export interface Location {
  line: number;
  column: number;
}

/**
 * Reads typed values out of untrusted key/value data (front matter or config), collecting
 * a located diagnostic for every problem instead of stopping at the first.
 */
export class FieldReader {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly data: Record<string, unknown>,
    readonly file: string,
    private readonly locate: (key: string) => Location | undefined,
  ) {}

  has(key: string): boolean {
    return Object.hasOwn(this.data, key) && this.data[key] !== null && this.data[key] !== undefined;
  }

  raw(key: string): unknown {
    return Object.hasOwn(this.data, key) ? this.data[key] : undefined;
  }

  keys(): string[] {
    return Object.keys(this.data);
  }

  report(
    severity: Diagnostic['severity'],
    key: string,
    code: string,
    message: string,
    fix?: string,
  ) {
    // `authors[0].email` is located at its top-level key; a key may itself hold dots.
    const at = this.locate(key) ?? this.locate(key.split(/[.[]/)[0] ?? key);
    this.diagnostics.push({
      severity,
      code,
      file: this.file,
      ...(at ? { line: at.line, column: at.column } : {}),
      field: key,
      message,
      ...(fix ? { fix } : {}),
    });
  }

  error(key: string, code: string, message: string, fix?: string): undefined {
    this.report('error', key, code, message, fix);
    return undefined;
  }

  /**
   * A warning for every key not in `known`, suggesting the known key a typo meant: the keys of
   * the data read, or of a mapping inside it (`inside`, e.g. `image` and its value).
   */
  warnUnknownKeys(
    known: readonly string[],
    inside?: { at: string; record: Record<string, unknown> },
    accepted: ReadonlySet<string> = new Set(),
  ): void {
    for (const key of inside ? Object.keys(inside.record) : this.keys()) {
      if (known.includes(key) || accepted.has(key)) continue;
      const guess = suggestKey(key, known);
      this.report(
        'warning',
        inside ? `${inside.at}.${key}` : key,
        'unknown-key',
        `unknown key "${key}" ignored`,
        guess ? `did you mean "${guess}"?` : `known keys: ${known.join(', ')}`,
      );
    }
  }

  /**
   * Whether `pick` reads a key's other names (other tools' names for it: a post written for one,
   * see the config's `conventions`); when not, only the first name is read.
   */
  readsOtherNames = true;

  /**
   * The first of `keys` (a key and the other names it goes by, e.g. `updated` and Hugo's
   * `lastmod`) that is set, else the first; a warning when more than one is set. The first `own`
   * names are feedwright's; the others are other tools', read only when `readsOtherNames`.
   */
  pick(keys: readonly [string, ...string[]], code = 'duplicate-key', own = 1): string {
    const names = this.readsOtherNames ? keys : keys.slice(0, own);
    const set = names.filter((key) => this.has(key));
    const [chosen = keys[0], ...ignored] = set;
    for (const other of ignored) {
      this.report(
        'warning',
        other,
        code,
        `both ${chosen} and ${other} are set; ${other} is ignored`,
        `keep only ${chosen}`,
      );
    }
    return chosen;
  }

  get ok(): boolean {
    return !this.diagnostics.some((d) => d.severity === 'error');
  }

  /** Text with XML-forbidden characters removed (and a warning saying so). */
  clean(key: string, value: string): string {
    const { text, removed } = stripXmlForbidden(value);
    if (removed > 0) {
      const { code, message, fix } = removedCharacters(removed);
      this.report('warning', key, code, message, fix);
    }
    return text;
  }

  string(
    key: string,
    opts: { required?: boolean; example: string; collapse?: boolean; value?: unknown },
  ): string | undefined {
    const value = opts.value !== undefined ? opts.value : this.raw(key);
    if (value === undefined || value === null) {
      if (opts.required)
        return this.error(key, 'missing', `${key} is missing`, `add ${opts.example}`);
      return undefined;
    }
    if (typeof value !== 'string') {
      return this.error(
        key,
        'not-text',
        `${key} must be text, not ${describe(value)}`,
        `quote it: ${key}: "${typeof value === 'object' ? '…' : String(value)}"`,
      );
    }
    let text = this.clean(key, value);
    if (opts.collapse) text = collapseWhitespace(text);
    if (opts.required && text.trim() === '') {
      return this.error(key, 'empty', `${key} is empty`, `write it, e.g. ${opts.example}`);
    }
    return text;
  }

  /** An absolute http(s) URL, normalised the way every later stage will see it. */
  url(key: string, value: unknown, example: string): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      return this.error(key, 'not-url', `${key} must be an absolute URL`, `use e.g. "${example}"`);
    }
    const parsed = parseHttpUrl(value.trim());
    if (!parsed) {
      return this.error(
        key,
        'not-url',
        `${key} "${value}" is not an absolute http(s) URL`,
        `use e.g. "${example}"`,
      );
    }
    return parsed.href;
  }

  /** `string`, `{name, email?, url?}`, or a list of them. */
  people(key: string, value: unknown): Person[] | undefined {
    const list = Array.isArray(value) ? value : [value];
    const people: Person[] = [];
    for (const [i, entry] of list.entries()) {
      const at = Array.isArray(value) ? `${key}[${i}]` : key;
      const person = this.person(at, entry);
      if (person) people.push(person);
    }
    if (people.length === 0 && this.ok) {
      return this.error(
        key,
        'empty',
        `${key} is empty`,
        `write a name, e.g. ${key}: "Ada Lovelace"`,
      );
    }
    return people;
  }

  person(key: string, value: unknown): Person | undefined {
    if (typeof value === 'string') {
      const name = collapseWhitespace(this.clean(key, value));
      return name ? { name } : this.error(key, 'empty', `${key} is empty`, 'write a name');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return this.error(
        key,
        'not-person',
        `${key} must be a name or {name, email, url}, not ${describe(value)}`,
        `write ${key}: "Ada Lovelace"`,
      );
    }
    const record = value as Record<string, unknown>;
    const name = this.string(`${key}.name`, {
      required: true,
      example: 'name: Ada Lovelace',
      collapse: true,
      value: Object.hasOwn(record, 'name') ? (record.name ?? null) : null,
    });
    const person: Person = { name: name ?? '' };
    if (Object.hasOwn(record, 'email') && record.email != null) {
      const email = typeof record.email === 'string' ? record.email.trim() : '';
      if (!/^[^\s@<>()"]+@[^\s@<>()"]+$/.test(email)) {
        this.error(
          `${key}.email`,
          'bad-email',
          `${key}.email is not an email address`,
          'use e.g. "ada@example.com"',
        );
      } else person.email = email;
    }
    if (Object.hasOwn(record, 'url') && record.url != null) {
      const url = this.url(`${key}.url`, record.url, 'https://example.com/ada');
      if (url) person.url = url;
    }
    for (const extra of Object.keys(record)) {
      if (!['name', 'email', 'url'].includes(extra)) {
        this.report(
          'warning',
          `${key}.${extra}`,
          'unknown-key',
          `unknown key "${extra}" ignored`,
          'use name, email or url',
        );
      }
    }
    return name ? person : undefined;
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

/** The known key nearest to a typo, if it is close enough to be what was meant. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  // Optimal string alignment: a swap of two letters (categroies) counts as one edit.
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = v;
    }
  }
  return at(a.length, b.length);
}
