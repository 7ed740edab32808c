#!/usr/bin/env node
// Thin launcher: all behaviour lives in the compiled library (lib/), built by `npm ci`/`npm run compile`.
import { EXIT, runCli } from '../lib/cli.js';

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
