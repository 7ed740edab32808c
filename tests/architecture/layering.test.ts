/**
 * The shape of `src/`, kept true: stages only look down, nothing imports in a circle, every
 * function stays short, the orchestrator fits on a screen, and every module has its unit test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');

/** The files every stage stands on: the model and the helpers with one home each. */
const GROUND = [
  'model.ts',
  'diagnostics.ts',
  'text.ts',
  'urls.ts',
  'hash.ts',
  'slug.ts',
  'walk.ts',
  'manifest.ts',
  // The output's stamps in columns, as the cache keeps them and the writer reads them.
  'file-stamps.ts',
  'field-reader.ts',
  'xml-check.ts',
  'json-feed-check.ts',
  // Stories' HTML put aside on disk while a build runs: bodies store it, renderers read it back.
  'stored-html.ts',
  // Packages loaded on first use (sanitize-html, smol-toml, image-size, the precise YAML path).
  'lazy-package.ts',
];

/** The pipeline's stages, in order: each may use the types of the one before it. */
const STAGES = ['config', 'load', 'validate', 'derive', 'bodies', 'render', 'write'];

/** Folders that are not stages: what each may import besides the ground files and itself. */
const OTHERS: Record<string, { imports: readonly string[]; typesOf?: readonly string[] }> = {
  // Caching decisions: they read the model, never a stage.
  incremental: { imports: [] },
  // Per-file work and threads: composes the stages.
  pipeline: { imports: [...STAGES], typesOf: ['incremental'] },
  publish: { imports: [] },
  // What readers were shown against what they will be: pure functions over item records.
  continuity: { imports: [] },
  // The built feeds against aggregators' rules; shares continuity's HTML text and post-file helpers.
  check: { imports: ['continuity'] },
  // Pins what readers know each post by, from the site's old feeds: continuity's matching, and
  // the post read back as load reads it.
  migrate: { imports: ['continuity', 'load'] },
  // What `feedwright init` and `new` write: text and files, from the ground files alone.
  scaffold: { imports: [] },
  // The preview server of `feedwright serve`: files over HTTP, live reload, watching.
  serve: { imports: [] },
  cli: {
    imports: [
      'build.ts',
      'config',
      'load',
      'publish',
      'continuity',
      'check',
      'migrate',
      'scaffold',
      'serve',
    ],
  },
};

/** Top-level files that compose everything. */
const COMPOSERS: Record<string, readonly string[]> = {
  'build.ts': [...STAGES, 'incremental', 'pipeline'],
  // The commands, and the process's compiler budget, which the launcher sets before any of them.
  'cli.ts': ['cli', 'pipeline'],
  'index.ts': [...STAGES, 'incremental', 'pipeline', 'publish', 'continuity', 'check', 'build.ts'],
};

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

function parse(file: string): ts.SourceFile {
  const full = path.join(SRC, file);
  return ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** Every relative import of a file: static, re-exports and dynamic `import()`. */
function importsOf(file: string): Import[] {
  const out: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    if (!specifier.startsWith('.')) return;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    out.push({ from: file, to: target.replace(/\.js$/, '.ts'), typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allTypes =
        clause?.isTypeOnly ||
        (!clause?.name &&
          named !== undefined &&
          ts.isNamedImports(named) &&
          named.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier.text, Boolean(allTypes));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) add(arg.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return out;
}

/** `render/pages/x.ts` → `render`; a top-level file is its own place. */
const placeOf = (file: string) => (file.includes('/') ? (file.split('/')[0] as string) : file);

/** Why `edge` breaks the layering, or undefined when it is allowed. */
function violation({ from, to, typeOnly }: Import): string | undefined {
  const source = placeOf(from);
  const target = placeOf(to);
  if (source === target || GROUND.includes(to)) return undefined;
  if (GROUND.includes(from)) return 'a ground file imports only other ground files';
  const stage = STAGES.indexOf(source);
  if (stage !== -1) {
    const previous = STAGES[stage - 1];
    if (typeOnly && target === previous) return undefined;
    return `a stage imports only the ground files${previous ? ` and the types of ${previous}/` : ''}`;
  }
  const other = OTHERS[source];
  if (other) {
    if (other.imports.includes(target) || (typeOnly && other.typesOf?.includes(target)))
      return undefined;
    return `${source}/ may import only ${[...other.imports, 'the ground files'].join(', ')}`;
  }
  const composer = COMPOSERS[source];
  if (composer?.includes(target)) return undefined;
  return `${source} may not import ${target}`;
}

/** Files in import circles (any kind of import counts: types too). */
function circles(edges: readonly Import[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const { from, to } of edges) graph.set(from, [...(graph.get(from) ?? []), to]);
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

function functionLengths(file: string): { where: string; lines: number }[] {
  const source = parse(file);
  const out: { where: string; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    const isFunction =
      ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node);
    if (isFunction && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.end).line;
      out.push({ where: `src/${file}:${start + 1}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** A module that only declares types has nothing to run, so nothing to unit-test. */
function declaresOnlyTypes(file: string): boolean {
  return parse(file).statements.every(
    (statement) =>
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      (ts.isImportDeclaration(statement) && Boolean(statement.importClause?.isTypeOnly)) ||
      (ts.isExportDeclaration(statement) && statement.isTypeOnly),
  );
}

const files = sourceFiles();
const edges = files.flatMap(importsOf);

describe('the shape of src/', () => {
  it('knows every folder it finds', () => {
    const places = new Set(files.map(placeOf));
    const known = [...GROUND, ...STAGES, ...Object.keys(OTHERS), ...Object.keys(COMPOSERS)];
    expect([...places].filter((place) => !known.includes(place))).toEqual([]);
  });

  it('stages only look down: no import climbs up or sideways', () => {
    const broken = edges.flatMap((edge) => {
      const why = violation(edge);
      return why ? [`src/${edge.from} → src/${edge.to}: ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('has no import circles', () => {
    expect(circles(edges)).toEqual([]);
  });

  it('has no function over 80 lines', () => {
    const long = files.flatMap(functionLengths).filter((f) => f.lines > 80);
    expect(long).toEqual([]);
  });

  it('gives every module that runs code a unit test at the mirrored path', () => {
    const missing = files
      .filter((file) => !declaresOnlyTypes(file))
      .map((file) => `tests/unit/${file.replace(/\.ts$/, '.test.ts')}`)
      .filter((test) => !existsSync(path.join(ROOT, test)));
    expect(missing).toEqual([]);
    expect(files.filter(declaresOnlyTypes)).toEqual(['model.ts']);
  });

  it('keeps build.ts on one screen', () => {
    const lines = readFileSync(path.join(SRC, 'build.ts'), 'utf8').split('\n').length;
    expect(lines).toBeLessThanOrEqual(120);
  });
});

describe('the layering rules themselves', () => {
  it('refuse a stage that climbs to a later one, and allow the types of the one before', () => {
    expect(violation({ from: 'load/a.ts', to: 'render/b.ts', typeOnly: false })).toBeDefined();
    expect(violation({ from: 'validate/a.ts', to: 'load/b.ts', typeOnly: true })).toBeUndefined();
    expect(violation({ from: 'validate/a.ts', to: 'load/b.ts', typeOnly: false })).toBeDefined();
    expect(violation({ from: 'derive/a.ts', to: 'load/b.ts', typeOnly: true })).toBeDefined();
    expect(violation({ from: 'text.ts', to: 'load/b.ts', typeOnly: true })).toBeDefined();
    expect(violation({ from: 'incremental/a.ts', to: 'write/b.ts', typeOnly: true })).toBeDefined();
  });

  it('find a circle', () => {
    const loop = [
      { from: 'a.ts', to: 'b.ts', typeOnly: false },
      { from: 'b.ts', to: 'a.ts', typeOnly: true },
    ];
    expect(circles(loop)).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });
});
