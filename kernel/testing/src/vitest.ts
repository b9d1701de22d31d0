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
