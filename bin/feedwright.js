#!/usr/bin/env node
// Thin launcher: all behaviour lives in the compiled library (lib/): shipped compiled in the npm
// package (`npm pack` compiles it), made by `npm run compile` in a checkout.
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

// A large build holds its site on two threads, and V8 lets a heap grow to several times what it
// keeps before it collects: growing each by 30 % at a time made a cold 100,000-post build peak at
// 2.8 GB instead of 5.0 GB for 6 % more time (10,000 posts: 0.55 GB instead of 0.8). Set here, for
// this process only (the library leaves its host's heap alone); `node --heap-growing-percent=N`
// on the command line wins.
if (!process.execArgv.some((arg) => /^--heap[-_]growing[-_]percent/.test(arg)))
  v8.setFlagsFromString('--heap-growing-percent=30');

/** The compiled CLI; in a checkout that was never compiled, a clear error instead of a stack. */
async function loadCli() {
  const entry = new URL('../lib/cli.js', import.meta.url);
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

const { EXIT, runCli } = await loadCli();
const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
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
