/** What reading a post's front matter gives, whatever language it is written in. */
import type { Diagnostic } from '../diagnostics.js';

export interface FieldLocation {
  line: number;
  column: number;
}

export interface FrontMatter {
  /** Plain data, built with no prototype tricks: keys like `__proto__` are own properties. */
  data: Record<string, unknown>;
  /**
   * Where each top-level key's value starts, for messages. Absent when the fast parser read
   * the file: locations are only worth their cost when there is something to report.
   */
  locations?: Map<string, FieldLocation>;
  body: string;
  /** File line the body starts on. */
  bodyLine: number;
}

export type FrontMatterResult =
  | { ok: true; frontMatter: FrontMatter }
  | { ok: false; diagnostics: Diagnostic[] };
