import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Dates in tests must not depend on the machine's zone; the TZ tests set their own.
    env: { TZ: 'UTC' },
  },
});
