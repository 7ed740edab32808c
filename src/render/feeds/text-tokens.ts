/**
 * Text as opaque tokens while `feed` writes a document, escaped here afterwards: `feed` 6.0.0's own
 * escaping is unsafe (control characters, a second `]]>`, `<` in attributes, `&amp;` collapsing
 * to `&`).
 */
import { cdata, escapeXml } from '../../text.js';

/** `raw`: XML written already (as `feed` would have written it), put in as it is. */
type TokenKind = 'text' | 'html' | 'raw';

/** A place in a document where a token was: bare, in CDATA, or an Atom text construct's. */
interface Hole {
  index: number;
  /** The Atom text construct (`title`, `summary`, …) whose CDATA held it. */
  element?: string;
  /** Outside CDATA: HTML is then escaped as text. */
  bare: boolean;
}

/**
 * A document cut at its tokens (`TextTokens.compile`), to be filled with the values of any
 * `TextTokens` that took tokens of the same kinds in the same order (`fill`).
 */
export interface TokenTemplate {
  readonly literals: readonly string[];
  readonly holes: readonly Hole[];
}

const TOKEN =
  /<(title|summary|subtitle|rights) type="html"><!\[CDATA\[\u0001(\d+)\u0002\]\]>|<!\[CDATA\[\u0001(\d+)\u0002\]\]>|\u0001(\d+)\u0002/g;

/**
 * Stands in for text while `feed` writes. U+0001/U+0002 can never occur in our text
 * (validation removes every C0 control), and neither `feed` nor xml-js alter them.
 */
export class TextTokens {
  private readonly values: { value: string; kind: TokenKind }[] = [];

  text(value: string): string {
    return this.add(value, 'text');
  }
  html(value: string): string {
    return this.add(value, 'html');
  }
  /** XML as it is to stand in the document (escaped already, for where it goes). */
  raw(value: string): string {
    return this.add(value, 'raw');
  }
  optionalText(value: string | undefined): string | undefined {
    return value ? this.text(value) : undefined;
  }

  /** How many tokens were taken so far. */
  get size(): number {
    return this.values.length;
  }

  private add(value: string, kind: TokenKind): string {
    this.values.push({ value, kind });
    return `\u0001${this.values.length - 1}\u0002`;
  }

  /** The number of `value` when it is one token, else undefined. */
  static numberOf(value: unknown): number | undefined {
    const match = typeof value === 'string' ? /^\u0001(\d+)\u0002$/.exec(value) : null;
    return match ? Number(match[1]) : undefined;
  }

  /** `xml` cut at its tokens; refuses (a bug) a stray token mark. */
  static compile(xml: string): TokenTemplate {
    const literals: string[] = [];
    const holes: Hole[] = [];
    let from = 0;
    for (const match of xml.matchAll(TOKEN)) {
      const [whole, element, atomIndex, cdataIndex, bareIndex] = match;
      literals.push(xml.slice(from, match.index));
      holes.push({
        index: Number(atomIndex ?? cdataIndex ?? bareIndex),
        ...(element ? { element } : {}),
        bare: bareIndex !== undefined,
      });
      from = match.index + whole.length;
    }
    literals.push(xml.slice(from));
    if (literals.some((literal) => /[\u0001\u0002]/.test(literal)))
      throw new Error('feed adapter: a text token was not resolved');
    return { literals, holes };
  }

  /**
   * `template` with each token replaced by this set's value of the same number (or, given
   * `indices`, hole i by value `indices[i]`), correctly escaped; Atom text constructs become
   * `type="text"` for text.
   */
  fill(template: TokenTemplate, indices?: readonly number[]): string {
    const { literals, holes } = template;
    let out = literals[0] as string;
    for (let i = 0; i < holes.length; i++) {
      const hole = holes[i] as Hole;
      const token = this.values[indices ? (indices[i] as number) : hole.index];
      if (!token) throw new Error('feed adapter: unknown text token');
      const body =
        token.kind === 'raw'
          ? token.value
          : token.kind === 'html' && !hole.bare
            ? cdata(token.value)
            : escapeXml(token.value);
      out += hole.element ? `<${hole.element} type="${token.kind}">${body}` : body;
      out += literals[i + 1] as string;
    }
    return out;
  }

  /** Replaces every token with correctly escaped text (see `fill`). */
  resolve(xml: string): string {
    return this.fill(TextTokens.compile(xml));
  }
}
