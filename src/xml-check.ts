/** Whether XML is well-formed, as a strict, namespace-aware parser (saxes) reads it. */
import { SaxesParser } from 'saxes';

/**
 * The first problem a strict, namespace-aware XML parser finds in `xml` (or a root element other
 * than `expectedRoot`), else undefined.
 */
export function xmlProblem(xml: string, expectedRoot?: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let problem: string | undefined;
  let root: string | undefined;
  parser.on('error', (error) => {
    problem ??= error.message;
  });
  parser.on('opentag', (tag) => {
    root ??= tag.name;
  });
  parser.write(xml).close();
  if (problem) return `not well-formed XML: ${problem}`;
  if (expectedRoot && root !== expectedRoot)
    return `root element is <${root}>, expected <${expectedRoot}>`;
  return undefined;
}
