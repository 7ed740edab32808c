/**
 * Text as opaque tokens while `feed` writes a document, escaped here afterwards: `feed` 6.0.0's own
 * escaping is unsafe (control characters, a second `]]>`, `<` in attributes, `&amp;` collapsing
 * to `&`).
 */
import { cdata, escapeXml } from '../../text.js';

type TokenKind = 'text' | 'html';

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
  optionalText(value: string | undefined): string | undefined {
    return value ? this.text(value) : undefined;
  }

  private add(value: string, kind: TokenKind): string {
    this.values.push({ value, kind });
    return `\u0001${this.values.length - 1}\u0002`;
  }

  /** Replaces every token with correctly escaped text; Atom text constructs become `type="text"`. */
  resolve(xml: string): string {
    const out = xml.replace(
      /<(title|summary|subtitle|rights) type="html"><!\[CDATA\[\u0001(\d+)\u0002\]\]>|<!\[CDATA\[\u0001(\d+)\u0002\]\]>|\u0001(\d+)\u0002/g,
      (
        _match,
        element: string | undefined,
        atomIndex?: string,
        cdataIndex?: string,
        bareIndex?: string,
      ) => {
        const token = this.values[Number(atomIndex ?? cdataIndex ?? bareIndex)];
        if (!token) throw new Error('feed adapter: unknown text token');
        const body =
          token.kind === 'html' && bareIndex === undefined
            ? cdata(token.value)
            : escapeXml(token.value);
        if (element) return `<${element} type="${token.kind}">${body}`;
        return body;
      },
    );
    if (/[\u0001\u0002]/.test(out)) throw new Error('feed adapter: a text token was not resolved');
    return out;
  }
}
