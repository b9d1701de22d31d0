import { mcpctlTestAliases } from '@mcpctl/testing/vitest';
import { defineConfig } from 'vitest/config';

/** Runs this package's tests alone: `npx vitest run --config plugins/installer/vitest.config.ts`. */
export default defineConfig({
  resolve: { alias: mcpctlTestAliases() },
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
