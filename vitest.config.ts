import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Vite would pick clipanion's lib/*.mjs, whose directory imports Node's ESM
// loader refuses; resolve it the way Node does (its CommonJS build).
const clipanion = createRequire(import.meta.url).resolve('clipanion');

/** Packages whose tests run in CI; a plugin joins when it is built by the root tsconfig.json. */
const packages = ['kernel', 'kernel/diagnostics', 'kernel/toolkit', 'cli', 'plugins/core', 'plugins/fs', 'plugins/db', 'plugins/daemon', 'plugins/installer', 'plugins/auth-oauth', 'plugins/s3', 'plugins/k8s'];

export default defineConfig({
  resolve: { alias: [{ find: /^clipanion$/, replacement: clipanion }] },
  test: {
    include: ['test/**/*.test.ts', ...packages.map((dir) => `${dir}/test/**/*.test.ts`)],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep parallelism modest so spawned servers are not starved.
    maxWorkers: 2,
  },
});
