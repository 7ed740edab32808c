/** Whether XML is well-formed, as a strict, namespace-aware parser (saxes) reads it. */
import { SaxesParser } from 'saxes';
import { firstXmlForbidden } from './text.js';

/**
 * The first problem a strict, namespace-aware XML parser finds in `xml` (or in its parts, one
 * after another), or a root element other than `expectedRoot`, else undefined.
 */
export function xmlProblem(
  xml: string | readonly string[],
  expectedRoot?: string,
): string | undefined {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let problem: string | undefined;
  let root: string | undefined;
  parser.on('error', (error) => {
    problem ??= error.message;
  });
  parser.on('opentag', (tag) => {
    root ??= tag.name;
  });
  // Given in parts, each is written as it is: a document of megabytes is never joined to be read.
  for (const part of typeof xml === 'string' ? [xml] : xml) parser.write(part);
  parser.close();
  if (problem) return `not well-formed XML: ${problem}`;
  if (expectedRoot && root !== expectedRoot)
    return `root element is <${root}>, expected <${expectedRoot}>`;
  return undefined;
}

/**
 * The first problem in `elements`, each of which must be one whole element, checked together in
 * one parse inside `open` … `close` (a root declaring the namespaces they may use): a mark after
 * each must be met at the wrapper's depth, so no element can lean on its neighbour to close.
 */
export function elementsProblem(
  open: string,
  elements: readonly string[],
  close: string,
): string | undefined {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let problem: string | undefined;
  let depth = 0;
  let wrapper = -1;
  let marks = 0;
  parser.on('error', (error) => {
    problem ??= error.message;
  });
  parser.on('opentag', () => {
    depth++;
  });
  parser.on('closetag', () => {
    depth--;
  });
  parser.on('processinginstruction', () => {
    if (wrapper === -1) wrapper = depth;
    else if (depth === wrapper) marks++;
    else problem ??= `element ${marks + 1} is not whole (it ends ${depth - wrapper} deep)`;
  });
  parser.write(`${open}<?start?>${elements.map((e) => `${e}<?end?>`).join('')}${close}`).close();
  if (!problem && marks !== elements.length)
    problem = `${elements.length - marks} of ${elements.length} elements are not whole`;
  return problem ? `not well-formed XML: ${problem}` : undefined;
}

/**
 * The first problem of `text` as the content of CDATA, put there by `cdata` (which splits every
 * `]]>`): a character XML 1.0 cannot carry is then the only one it can have. What a parser would
 * say of it, without parsing: a story's full text is tens of kilobytes.
 */
export function xmlTextProblem(text: string): string | undefined {
  const at = firstXmlForbidden(text);
  if (at === -1) return undefined;
  const code = text.codePointAt(at) ?? 0;
  return `not well-formed XML: character U+${code.toString(16).toUpperCase().padStart(4, '0')} at ${at} is not allowed in XML 1.0`;
}
