import { defineConfig } from 'vitest/config';

/**
 * Runs this package's tests alone: `npx vitest run --config plugins/db/vitest.config.ts`.
 * PostgreSQL and MariaDB come from MCPCTL_TEST_PG_URL / MCPCTL_TEST_MYSQL_URL (see README).
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
