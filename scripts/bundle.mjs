/**
 * Bundles the compiled CLI (lib/, from tsc) into lib/bundle/, which bin/feedwright.js runs: one
 * file for each stage a build loads lazily, the packages it renders with included. Node then
 * loads ~55 files instead of ~350 modules, a third of the time at the start of every build that
 * renders. lib/ stays as tsc made it: the library's entry point and its types.
 *
 * The packages bundled keep their licences: lib/bundle/THIRD-PARTY-NOTICES.md lists each with its
 * version and licence text.
 *
 *   node scripts/bundle.mjs        (run by `npm run compile`, after tsc)
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'lib/bundle');

/**
 * Packages the bundle sets up the first time their default export is called, not when the
 * module importing them loads, by the compiled file that imports them. slugify's transliterate
 * builds 16 patterns of ~2,000 names when it loads, ~25-35 ms of the ~0.3 s a build takes to
 * find 1,000 posts up to date, which never slugifies anything (the config imports it to check
 * author keys). Its package is ESM-only, so lib/ cannot load it synchronously on first use on
 * every Node 20 (lazy-package.ts does that for CommonJS packages); inside the bundle a
 * `require()` of it is esbuild's own lazy initialiser, and synchronous.
 */
const FIRST_USE = { 'lib/slug.js': '@sindresorhus/slugify' };

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  // The worker is an entry of its own: the pool starts it by its file, `./pool-worker.js` from
  // the code that starts it; every file lands in one folder, so that path holds from any of them.
  entryPoints: ['lib/cli.js', 'lib/pipeline/pool-worker.js'],
  outdir: OUT,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
  plugins: [firstUse(FIRST_USE)],
});
writeFileSync(path.join(OUT, 'THIRD-PARTY-NOTICES.md'), notices(result.metafile));

/** Each package the bundle holds code of, with its version and licence text. */
function notices(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    // The innermost folder under a node_modules that is a package (feedsmith, say, carries
    // copies of others in its own dist/node_modules, without their package.json).
    const folders = [...input.matchAll(/node_modules\/(?:@[^/]+\/)?[^/]+(?=\/)/g)].map((m) =>
      input.slice(0, m.index + m[0].length),
    );
    const dir = folders.reverse().find((d) => existsSync(path.join(ROOT, d, 'package.json')));
    if (dir) dirs.add(dir);
  }
  const sections = [...dirs].sort().map((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'));
    const file = readdirSync(path.join(ROOT, dir)).find((name) =>
      /^(licen[cs]e|copying)(\.|$)/i.test(name),
    );
    const text = file
      ? readFileSync(path.join(ROOT, dir, file), 'utf8').trim()
      : `${manifest.license ?? 'see the package'}`;
    return `## ${manifest.name} ${manifest.version} (${manifest.license ?? 'no licence field'})\n\n\`\`\`\n${text}\n\`\`\`\n`;
  });
  return `# Third-party notices\n\nlib/bundle/ holds code of these packages, bundled from node_modules.\n\n${sections.join('\n')}`;
}

/**
 * An esbuild plugin that, in each compiled file of `uses`, turns `import name from 'package'`
 * into a function that requires the package on its first call: esbuild then wraps the package
 * in an initialiser run by that `require()`. Fails the bundle if the import is not there.
 */
function firstUse(uses) {
  return {
    name: 'first-use',
    setup(build) {
      build.onLoad({ filter: /[\\/]lib[\\/].*\.js$/ }, async (args) => {
        const file = path.relative(ROOT, args.path).split(path.sep).join('/');
        const pkg = uses[file];
        if (!pkg) return undefined;
        const text = await readFile(args.path, 'utf8');
        const pattern = new RegExp(`^import (\\w+) from '${pkg.replace(/[/.]/g, '\\$&')}';$`, 'm');
        const match = pattern.exec(text);
        if (!match)
          throw new Error(`${file} no longer has "import … from '${pkg}'" (see FIRST_USE)`);
        const lazy = `const ${match[1]} = (...args) => require('${pkg}').default(...args);`;
        return {
          contents: text.replace(pattern, lazy),
          loader: 'js',
          resolveDir: path.dirname(args.path),
        };
      });
    },
  };
}
