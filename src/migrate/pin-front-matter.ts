/**
 * Writes a post's pins (`id`, `aliases`, `date`) into its front matter, changing only the lines
 * they need: an existing key's line is replaced (an alias list is added to), a missing key is
 * added as a new line. YAML, TOML and JSON front matter, as feedwright reads them.
 */
import { otherFormatOf } from '../load/other-front-matter.js';
import { findBodyStart } from '../load/read-source.js';
import type { Pin } from './plan-migration.js';

type Format = 'yaml' | 'toml' | 'json';

/** `text` with `pin` written into its front matter; undefined when it has none to write into. */
export function pinFrontMatter(text: string, pin: Pin): string | undefined {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.slice(bom.length).split(/\r?\n/);
  const format = formatOf(text.slice(bom.length));
  const close = format && closingLine(text);
  if (!format || !close) return undefined;
  const head = lines.slice(1, close);
  const written = writePins(head, pin, format);
  return bom + [lines[0], ...written, ...lines.slice(close)].join(eol);
}

/** The language of the front matter, as the loader tells it (a one-line JSON object: none). */
function formatOf(text: string): Format | undefined {
  const other = otherFormatOf(text);
  if (other === 'toml') return 'toml';
  if (other === 'json-object') return /^\{\s*(\r?\n|$)/.test(text) ? 'json' : undefined;
  if (other === 'json-fenced') return undefined;
  return /^---(yaml)?[ \t]*\r?\n/.test(text) ? 'yaml' : undefined;
}

/** The line (from 0) that closes the front matter, found as the loader finds it. */
function closingLine(text: string): number | undefined {
  const bytes = Buffer.from(text);
  const bodyStart = findBodyStart(bytes, bytes.length);
  if (bodyStart <= 0) return undefined;
  const head = bytes
    .subarray(0, bodyStart)
    .toString()
    .replace(/\r?\n$/, '');
  return head.split(/\r?\n/).length - 1;
}

/** The front matter's lines (between the fences) with the pins written in. */
function writePins(head: string[], pin: Pin, format: Format): string[] {
  let out = [...head];
  const q = (value: string) => JSON.stringify(value);
  if (pin.id !== undefined) out = setKey(out, 'id', q(pin.id), format);
  if (pin.date !== undefined) out = setKey(out, 'date', q(pin.date), format);
  if (pin.aliases.length > 0) out = addAliases(out, pin.aliases, format);
  return out;
}

const keyLine = (key: string, format: Format) =>
  format === 'yaml'
    ? new RegExp(`^(${key}|"${key}"|'${key}')\\s*:`)
    : format === 'toml'
      ? new RegExp(`^${key}\\s*=`)
      : new RegExp(`^\\s*"${key}"\\s*:`);

/** The index of the top-level line of `key` (TOML: before any table), or -1. */
function findKey(head: readonly string[], key: string, format: Format): number {
  const pattern = keyLine(key, format);
  for (let i = 0; i < head.length; i++) {
    const line = head[i] ?? '';
    if (format === 'toml' && /^\s*\[/.test(line)) return -1;
    if (pattern.test(line)) return i;
  }
  return -1;
}

function entry(key: string, value: string, format: Format, last = false): string {
  if (format === 'yaml') return `${key}: ${value}`;
  if (format === 'toml') return `${key} = ${value}`;
  return `  "${key}": ${value}${last ? '' : ','}`;
}

/** Sets a one-line key: its line replaced, or a new line (TOML: first, before any table). */
function setKey(head: string[], key: string, value: string, format: Format): string[] {
  const at = findKey(head, key, format);
  const out = [...head];
  if (at !== -1) {
    const comma = format === 'json' && /,\s*$/.test(out[at] ?? '');
    out[at] =
      format === 'json'
        ? `${entry(key, value, format, true)}${comma ? ',' : ''}`
        : entry(key, value, format);
    return out;
  }
  if (format === 'yaml') return [...out, entry(key, value, format)];
  return [entry(key, value, format), ...out];
}

/** Adds site paths to `aliases` (or Jekyll's `redirect_from`), keeping what it lists. */
function addAliases(head: string[], add: readonly string[], format: Format): string[] {
  const key =
    findKey(head, 'aliases', format) === -1 && findKey(head, 'redirect_from', format) !== -1
      ? 'redirect_from'
      : 'aliases';
  const at = findKey(head, key, format);
  const quoted = add.map((alias) => JSON.stringify(alias));
  if (at === -1) return setKey(head, key, `[${quoted.join(', ')}]`, format);
  const out = [...head];
  const line = out[at] ?? '';
  const flow = /^(.*?[:=]\s*)\[(.*)\](\s*,?\s*(?:#.*)?)$/.exec(line);
  if (flow) {
    const [, start, items = '', end] = flow;
    out[at] = `${start}[${[items.trim(), ...quoted].filter(Boolean).join(', ')}]${end}`;
    return out;
  }
  const scalar = format === 'yaml' ? /^(\w+\s*:\s*)([^#\s].*)$/.exec(line) : null;
  if (scalar) {
    out[at] =
      `${scalar[1]}[${[JSON.stringify(scalar[2]?.trim().replace(/^["']|["']$/g, '')), ...quoted].join(', ')}]`;
    return out;
  }
  if (format === 'yaml') {
    // A block list: its items follow, indented.
    let end = at + 1;
    while (end < out.length && /^\s*-(\s|$)/.test(out[end] ?? '')) end++;
    const indent = /^(\s*)-/.exec(out[at + 1] ?? '')?.[1] ?? '  ';
    out.splice(end, 0, ...quoted.map((alias) => `${indent}- ${alias}`));
    return out;
  }
  return out;
}
