import { defineConfig } from 'vitest/config';

/**
 * Runs this package's tests alone: `npx vitest run --config plugins/k8s/vitest.config.ts`.
 * The fake API server starts inside the tests; MCPCTL_TEST_KUBECONFIG adds a real cluster (see README).
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
