/**
 * The edits the incremental cases make to a cached corpus — append a sentence to one post, add
 * one new post, add one after a git checkout that wrote every post anew — and their undoing. Each
 * edit is written to a journal (mutation.json in the corpus folder) before it happens, so a run that dies half-way is repaired by the next one:
 * posts are a pure function of (seed, N, index), so the original bytes can always be rebuilt.
 *
 * Undoing a touch writes the original bytes back with a new mtime, as reverting in an editor
 * or with git would, so a cache that trusts mtimes still sees the file as changed.
 */

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generatePost, postMeta } from './corpus.mjs';
import { discard, trashOf } from './trash.mjs';

const JOURNAL_FILE = 'mutation.json';

/** @typedef {import('./corpus.mjs').CorpusInfo} CorpusInfo */
/**
 * @typedef {{kind: 'touch' | 'add', index: number}} Mutation
 */
/** @typedef {{file: string, undo: () => Promise<void>}} AppliedMutation */

/**
 * Appends a sentence to post `index`; `undo` puts back its original bytes.
 * @param {CorpusInfo} corpus
 * @param {number} index
 * @param {string} sentence
 * @returns {Promise<AppliedMutation>}
 */
export async function touchPost(corpus, index, sentence) {
  const file = path.join(corpus.postsDir, postMeta(corpus.seed, corpus.n, index).relPath);
  const original = await readFile(file);
  await writeJournal(corpus, { kind: 'touch', index });
  await appendFile(file, `\n${sentence}\n`);
  return {
    file,
    undo: async () => {
      await writeFile(file, original);
      await clearJournal(corpus);
    },
  };
}

/**
 * Adds post number N + `k` (dated after the whole archive: the newest post); `undo` deletes it.
 * @param {CorpusInfo} corpus
 * @param {number} k
 * @returns {Promise<AppliedMutation>}
 */
export async function addPost(corpus, k) {
  const index = corpus.n + k;
  const post = generatePost(corpus.seed, corpus.n, index);
  const file = path.join(corpus.postsDir, post.relPath);
  await writeJournal(corpus, { kind: 'add', index });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, post.text);
  return {
    file,
    undo: async () => {
      await removeAdded(corpus, file);
      await clearJournal(corpus);
    },
  };
}

/**
 * What CI's checkout leaves before a publish: every post file written anew by git (the same
 * bytes, a new mtime) with git's index recording each as it wrote it, then post number N + `k`
 * added (as `addPost`). The corpus's posts are committed to a git repository in its folder the
 * first time (untimed); the new post is not committed (a build reads it either way: the cache
 * does not know it). `undo` deletes the new post; the other files keep their new mtimes.
 * @param {CorpusInfo} corpus
 * @param {number} k
 * @returns {Promise<AppliedMutation>}
 */
export async function checkoutPost(corpus, k) {
  commitPosts(corpus);
  // As a fresh clone's checkout: the folder gone (moved to the trash: deleting 10,000 files would
  // slow the creating of files for minutes, see trash.mjs), then every file written by git.
  await discard(corpus.postsDir, trashOf(corpus.dir));
  git(corpus, ['checkout', '-q', '--', path.relative(corpus.dir, corpus.postsDir)]);
  return addPost(corpus, k);
}

/**
 * Commits the corpus's posts to a git repository in its folder, unless there is one.
 * @param {CorpusInfo} corpus
 */
function commitPosts(corpus) {
  if (existsSync(path.join(corpus.dir, '.git'))) return;
  git(corpus, ['init', '-q']);
  git(corpus, ['add', path.relative(corpus.dir, corpus.postsDir)]);
  git(corpus, [
    '-c',
    'user.name=bench',
    '-c',
    'user.email=bench@example.com',
    'commit',
    '-qm',
    'posts',
  ]);
}

/** @param {CorpusInfo} corpus @param {string[]} args */
function git(corpus, args) {
  execFileSync('git', args, { cwd: corpus.dir, stdio: 'ignore' });
}

/**
 * Undoes an edit left behind by an interrupted run. Returns what was repaired, if anything.
 * @param {CorpusInfo} corpus
 * @returns {Promise<Mutation|undefined>}
 */
export async function repairCorpus(corpus) {
  /** @type {Mutation|undefined} */
  let journal;
  try {
    journal = JSON.parse(await readFile(path.join(corpus.dir, JOURNAL_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  if (!journal) return undefined;
  const post = generatePost(corpus.seed, corpus.n, journal.index);
  const file = path.join(corpus.postsDir, post.relPath);
  if (journal.kind === 'touch') {
    await writeFile(file, post.text);
  } else {
    await removeAdded(corpus, file);
  }
  await clearJournal(corpus);
  return journal;
}

/**
 * Deletes an added post, and its month/year folders if that leaves them empty.
 * @param {CorpusInfo} corpus
 * @param {string} file
 */
async function removeAdded(corpus, file) {
  await rm(file, { force: true });
  for (let dir = path.dirname(file); dir !== corpus.postsDir; dir = path.dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      break;
    }
  }
}

/** @param {CorpusInfo} corpus @param {Mutation} mutation */
async function writeJournal(corpus, mutation) {
  await writeFile(path.join(corpus.dir, JOURNAL_FILE), `${JSON.stringify(mutation)}\n`);
}

/** @param {CorpusInfo} corpus */
async function clearJournal(corpus) {
  await rm(path.join(corpus.dir, JOURNAL_FILE), { force: true });
}
