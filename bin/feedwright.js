#!/usr/bin/env node
// Thin launcher: all behaviour lives in the compiled library (lib/): shipped compiled in the npm
// package (`npm pack` compiles it), made by `npm run compile` in a checkout.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The CLI as `npm run compile` bundles it (lib/bundle/: a few files a stage, with the packages
 * it renders with, where lib/ is ~350 modules: a build that renders loads its code in about a
 * third of the time), unless lib/ was compiled again since without it: then lib/ itself.
 */
function entryUrl() {
  const lib = new URL('../lib/cli.js', import.meta.url);
  const bundle = new URL('../lib/bundle/cli.js', import.meta.url);
  const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs;
  const bundled = mtime(bundle);
  // npm packs every file with the same mtime: a tie is an installed package's bundle.
  return bundled !== undefined && bundled >= (mtime(lib) ?? 0) ? bundle : lib;
}

/** The compiled CLI; in a checkout that was never compiled, a clear error instead of a stack. */
async function loadCli() {
  const entry = entryUrl();
  try {
    return await import(entry.href);
  } catch (error) {
    if (
      error?.code !== 'ERR_MODULE_NOT_FOUND' ||
      !String(error.message).includes(fileURLToPath(entry))
    )
      throw error;
    process.stderr.write(
      'feedwright: lib/ is missing: this checkout of feedwright was not compiled — run "npm run compile" (or "npm run build") first\n',
    );
    process.exit(1);
  }
}

const { EXIT, runCli, spareCompiler } = await loadCli();
// Before any of it runs hot: a command is a short batch job (see pipeline/compiler-budget).
spareCompiler();
const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // A write stderr queued is taken; or stderr is gone, and there is nothing left to wait for.
  stderrDrained: () =>
    new Promise((resolve) => {
      const done = () => {
        for (const event of ['drain', 'close', 'error']) process.stderr.off(event, done);
        resolve();
      };
      for (const event of ['drain', 'close', 'error']) process.stderr.once(event, done);
    }),
  env: process.env,
  cwd: process.cwd(),
  interactive: Boolean(process.stderr.isTTY),
};
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // A bug, not a user error: show the stack.
    console.error(error);
    process.exitCode = EXIT.bug;
  },
);
