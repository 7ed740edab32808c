/**
 * A site with many categories, for timing listings and navigation against the number of
 * categories (issue 13). Deterministic: N posts, post i filed under category i and two others
 * drawn from a seeded generator, so every category is used and most have about three posts.
 *
 *   node bench/many-categories.mjs <N> <dir> [--per-post K]
 *   /usr/bin/time -v node <repo>/bin/feedwright.js build      (run in <dir>)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'per-post': { type: 'string', default: '3' },
    categories: { type: 'string' },
  },
});
const [countArg, dir] = positionals;
const n = Number(countArg);
const perPost = Number(values['per-post']);
const c = Number(values.categories ?? n);
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(c) || c < 1 || !dir) {
  console.error('usage: node bench/many-categories.mjs <N> <dir> [--per-post K] [--categories C]');
  process.exit(2);
}

let seed = 1;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

rmSync(dir, { recursive: true, force: true });
mkdirSync(path.join(dir, 'posts'), { recursive: true });
writeFileSync(
  path.join(dir, 'feedwright.config.json'),
  JSON.stringify({
    title: 'Many Categories',
    description: 'A site with many categories.',
    url: 'https://example.com/site/',
    language: 'en',
    timezone: 'UTC',
    author: { name: 'Desk', email: 'desk@example.com' },
  }),
);
const start = Date.UTC(2020, 0, 1);
for (let i = 0; i < n; i++) {
  const names = new Set([`Topic ${i % c}`]);
  while (names.size < Math.min(perPost, c)) names.add(`Topic ${Math.floor(random() * c)}`);
  const date = new Date(start + i * 3_600_000).toISOString();
  const list = [...names].map((name) => `  - ${name}`).join('\n');
  writeFileSync(
    path.join(dir, 'posts', `post-${i}.md`),
    `---\ntitle: Post ${i}\ndate: ${date}\ncategories:\n${list}\n---\nStory number ${i}.\n`,
  );
}
console.log(`${n} posts, ${c} categories, ${perPost} per post, in ${dir}`);
