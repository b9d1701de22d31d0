import { defineConfig } from 'vitest/config';

/**
 * Runs this package's tests alone: `npx vitest run --config plugins/s3/vitest.config.ts`.
 * The tests start their own S3-compatible servers (s3rver, fauxqs) on 127.0.0.1.
 */
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
