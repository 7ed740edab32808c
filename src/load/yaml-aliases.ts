/**
 * The limits on YAML aliases (`&name` … `*name`) in front matter, checked on the parsed tree
 * before anything is expanded: one pass, each node sized once, so an alias bomb ("billion
 * laughs") costs no more to refuse than its own few hundred bytes take to read.
 */
import type { Diagnostic } from '../diagnostics.js';

/** Aliases allowed per file: legitimate front matter uses a handful, if any. */
export const MAX_ALIAS_COUNT = 100;
/** Values the aliases of one file may stand for in all, counting every value inside a list or map. */
export const MAX_ALIAS_VALUES = 10_000;

type Yaml = typeof import('yaml');
type YamlDocument = ReturnType<Yaml['parseDocument']>;
type LineCounter = InstanceType<Yaml['LineCounter']>;
type Node = Parameters<Yaml['isAlias']>[0];
type AliasNode = InstanceType<Yaml['Alias']>;

export type AliasProblem = Omit<Diagnostic, 'severity' | 'file'>;

interface Found {
  node: AliasNode;
  /** The top-level key it is under. */
  key: string | undefined;
}

/**
 * What is wrong with the document's aliases, at the alias it is about (an alias bomb is found at
 * its biggest alias), or undefined when they are within the limits and every one resolves. With
 * this checked, the document may be turned into data without yaml's own (slower) alias check.
 */
export function aliasProblem(
  doc: YamlDocument,
  lineCounter: LineCounter,
  yaml: Yaml,
): AliasProblem | undefined {
  const { visit, isAlias, isCollection, isPair, isScalar } = yaml;
  const anchors = new Map<string, Node>();
  const sourceOf = new Map<Node, Node>();
  const sizes = new Map<Node, number>();
  // Values a node stands for, aliases expanded; an alias inside what it names counts 0 here.
  const size = (node: Node): number => {
    if (isAlias(node)) return size(sourceOf.get(node));
    if (isPair(node)) return size(node.key) + size(node.value);
    if (!isCollection(node)) return node ? 1 : 0;
    let known = sizes.get(node);
    if (known === undefined) {
      sizes.set(node, 0);
      known = node.items.reduce<number>((sum, item) => sum + size(item), 1);
      sizes.set(node, known);
    }
    return known;
  };
  let count = 0;
  let biggest: (Found & { size: number }) | undefined;
  let problem: AliasProblem | undefined;
  const at = (found: Found, rest: Pick<Diagnostic, 'code' | 'message' | 'fix'>): AliasProblem => {
    const pos = lineCounter.linePos(found.node.range?.[0] ?? 0);
    return {
      ...rest,
      line: pos.line,
      column: pos.col,
      ...(found.key === undefined ? {} : { field: found.key }),
    };
  };
  visit(doc, (_key, node, path) => {
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (!isAlias(node)) return undefined;
    const top = path[2];
    const found = {
      node,
      key: isPair(top) && isScalar(top.key) ? String(top.key.value) : undefined,
    };
    const source = anchors.get(node.source);
    if (!source) problem = at(found, unresolved(node.source));
    else if (path.includes(source as never)) problem = at(found, circular(node.source));
    if (problem) return visit.BREAK;
    sourceOf.set(node, source);
    count++;
    const n = size(node);
    if (!biggest || n > biggest.size) biggest = { ...found, size: n };
    return undefined;
  });
  if (problem || !biggest) return problem;
  // Every value the data will hold, less those written out: what the aliases add. An alias inside
  // an anchor counts again each time that anchor is used, as it will be in the data.
  const added = size(doc.contents as Node) - literalSize(doc, yaml);
  if (count <= MAX_ALIAS_COUNT && added <= MAX_ALIAS_VALUES) return undefined;
  return at(biggest, tooMany(count, added));
}

/** Values written out in the document, aliases counting as nothing. */
function literalSize(doc: YamlDocument, { visit, isAlias, isPair }: Yaml): number {
  let n = 0;
  visit(doc, (_key, node) => {
    if (node && !isAlias(node) && !isPair(node) && (node as { range?: unknown }).range) n++;
  });
  return n;
}

function tooMany(count: number, values: number): Pick<Diagnostic, 'code' | 'message' | 'fix'> {
  const what =
    count > MAX_ALIAS_COUNT
      ? `${count.toLocaleString('en-US')} YAML aliases (at most ${MAX_ALIAS_COUNT} are allowed)`
      : `YAML aliases that stand for ${values === Number.POSITIVE_INFINITY ? 'countless' : values.toLocaleString('en-US')} values (at most ${MAX_ALIAS_VALUES.toLocaleString('en-US')} are allowed)`;
  return {
    code: 'yaml-alias-limit',
    message: `the front matter holds ${what}: it would expand too far`,
    fix: `write the values out instead of repeating them with *name (an alias to a list of aliases multiplies them)`,
  };
}

function unresolved(name: string): Pick<Diagnostic, 'code' | 'message' | 'fix'> {
  return {
    code: 'yaml-unresolved-alias',
    message: `*${name} is a YAML alias, but no "&${name}" comes before it`,
    fix: `put the value in quotes if the * is meant as text, e.g. "*${name}"`,
  };
}

function circular(name: string): Pick<Diagnostic, 'code' | 'message' | 'fix'> {
  return {
    code: 'yaml-alias-limit',
    message: `*${name} is inside the value "&${name}" names: it would repeat itself forever`,
    fix: 'write the value out instead of using the alias',
  };
}
