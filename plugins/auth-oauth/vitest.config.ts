import { defineConfig } from 'vitest/config';

/** Runs this package's tests alone: `npx vitest run --config plugins/auth-oauth/vitest.config.ts`. */
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
