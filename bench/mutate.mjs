/**
 * The edits the incremental cases make to a cached corpus — append a sentence to one post, add
 * one new post, add one after a checkout that gave every post a new mtime — and their undoing. Each edit is written to a journal (mutation.json in the
 * corpus folder) before it happens, so a run that dies half-way is repaired by the next one:
 * posts are a pure function of (seed, N, index), so the original bytes can always be rebuilt.
 *
 * Undoing a touch writes the original bytes back with a new mtime, as reverting in an editor
 * or with git would, so a cache that trusts mtimes still sees the file as changed.
 */
import {
  appendFile,
  mkdir,
  readdir,
  readFile,
  rm,
  rmdir,
  utimes,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { generatePost, postMeta } from './corpus.mjs';

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
 * What CI's checkout leaves before a publish: post number N + `k` added (as `addPost`), and every
 * post file with a new mtime and the same bytes (git writes every file it checks out). `undo`
 * deletes the new post; the other files keep their new mtimes.
 * @param {CorpusInfo} corpus
 * @param {number} k
 * @returns {Promise<AppliedMutation>}
 */
export async function checkoutPost(corpus, k) {
  const added = await addPost(corpus, k);
  const now = new Date();
  const entries = await readdir(corpus.postsDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), now, now);
  }
  return added;
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
