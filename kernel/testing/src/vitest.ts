import { createRequire } from 'node:module';

/**
 * Resolve aliases for a vitest config that runs mcpctl in-process (the
 * harness's `run()`): vite would resolve clipanion to its lib/*.mjs build,
 * whose directory imports Node's ESM loader refuses; this points it at the
 * CommonJS build the CLI itself loads.
 *
 *   import { mcpctlTestAliases } from '@mcpctl/testing/vitest';
 *   export default defineConfig({ resolve: { alias: mcpctlTestAliases() } });
 */
export function mcpctlTestAliases(): Array<{ find: RegExp; replacement: string }> {
  const require = createRequire(import.meta.url);
  const fromCli = createRequire(require.resolve('@mcpctl/cli/package.json'));
  return [{ find: /^clipanion$/, replacement: fromCli.resolve('clipanion') }];
}

/** The vitest settings every mcpctl package runs its tests with (what `packageTestConfig` returns). */
export interface PackageTestConfig {
  resolve: { alias: Array<{ find: RegExp; replacement: string }> };
  test: { root: string; include: string[]; pool: 'forks'; testTimeout: number; hookTimeout: number; maxWorkers: number };
}

/**
 * A package's own vitest config, to run its tests alone
 * (`npx vitest run --config <package>/vitest.config.ts`): the tests under
 * `test/`, in forked workers (they spawn servers and daemons), with the
 * timeouts of the repository's root config and the aliases above.
 *
 *   import { packageTestConfig } from '@mcpctl/testing/vitest';
 *   export default packageTestConfig(import.meta.url);
 */
export function packageTestConfig(configUrl: string): PackageTestConfig {
  return {
    resolve: { alias: mcpctlTestAliases() },
    test: {
      root: new URL('.', configUrl).pathname,
      include: ['test/**/*.test.ts'],
      pool: 'forks',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // Two cores here: modest parallelism, so spawned servers are not starved.
      maxWorkers: 2,
    },
  };
}
