import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FeedwrightError } from '../diagnostics.js';

const WAIT_MS = 120_000;
const POLL_MS = 50;

/**
 * Serialises builds that write the same output folder: the lock is a folder beside it (mkdir is
 * atomic), holding the owner's pid so a lock left by a crashed build is taken over.
 */
export async function withOutputLock<T>(
  outDir: string,
  display: string,
  work: () => Promise<T>,
): Promise<T> {
  const lock = path.join(path.dirname(outDir), `.${path.basename(outDir)}.lock`);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await ownerIsGone(lock)) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new FeedwrightError([
          {
            severity: 'error',
            code: 'output-locked',
            file: display,
            message: `another build has been writing this folder for over ${WAIT_MS / 1000} s`,
            fix: `wait for it to finish, or delete ${lock} if no build is running`,
          },
        ]);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function ownerIsGone(lock: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(await readFile(path.join(lock, 'pid'), 'utf8'));
  } catch {
    // Just created by its owner, who has not written the pid yet.
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
