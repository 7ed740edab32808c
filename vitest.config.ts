import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // A file a core, where vitest's default leaves one core free (one file at a time on 2 cores):
    // most tests wait on a process they started (the CLI, Chromium, git, npm), so two files at
    // once overlap the waits: the suite 350 → 224 s on 2 cores, all passing.
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Dates in tests must not depend on the machine's zone; the TZ tests set their own.
    env: { TZ: 'UTC' },
  },
});
