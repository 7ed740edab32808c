/**
 * The floor: the least work any feed builder must do — read every post file and parse its
 * front matter with gray-matter — in one process, nothing else. feedwright's targets are
 * expressed as multiples of this script's wall time.
 *
 *   node bench/floor.mjs <postsDir>
 *
 * Prints "floor: <files> posts, <keys> front-matter keys" so the runner can check it saw
 * every post (and so the parse results are used).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';

/** Same bound on reads in flight as feedwright's loader. */
const READ_CONCURRENCY = 32;

/**
 * Every *.md file under `dir` (no dotfiles, no symlinks), like feedwright's discovery.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function findPosts(dir) {
  /** @type {string[]} */
  const files = [];
  /** @param {string} folder */
  async function walk(folder) {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.endsWith('.md')) files.push(full);
    }
  }
  await walk(dir);
  return files;
}

async function main() {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node bench/floor.mjs <postsDir>');
    process.exit(2);
  }
  const files = await findPosts(dir);
  let keys = 0;
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = /** @type {string} */ (files[next++]);
      const text = await readFile(file, 'utf8');
      // An options object, always: without one gray-matter caches every file's text forever.
      keys += Object.keys(matter(text, {}).data).length;
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  console.log(`floor: ${files.length} posts, ${keys} front-matter keys`);
}

await main();
