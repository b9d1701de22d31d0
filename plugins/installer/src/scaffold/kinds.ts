/** The kinds of plugin `mcpctl plugins create --kind` scaffolds. */
export type PluginKind = 'server' | 'command' | 'transport' | 'auth' | 'verifier';
export const PLUGIN_KINDS: readonly PluginKind[] = ['server', 'command', 'transport', 'auth', 'verifier'];

export interface ScaffoldInput {
  /** Package name. */
  name: string;
  /** The name of what it provides: a command word, server type, transport, client auth method or verifier. */
  short: string;
  kind: PluginKind;
  /** Where this mcpctl's packages live, for `file:` dependencies until they are published. */
  kernelDir: string;
  testingDir: string;
  /** Where this mcpctl's @mcpctl/toolkit lives (kinds that build on it need it). */
  toolkitDir?: string;
  kernelVersion: string;
}

/**
 * What one kind of scaffold consists of; package-files.ts wraps it in a
 * package.json, schema.json, tsconfig.json and README (templates/ has one
 * file per kind).
 */
export interface KindTemplate {
  /** What the package provides, for its description: "a server type". */
  description: string;
  /** Builds on @mcpctl/toolkit, which then becomes a peer dependency too. */
  usesToolkit?: boolean;
  /** The manifest's `provides`. */
  provides(short: string): Record<string, unknown>;
  /** The config schema's `$defs` (settings, or the definition of what it provides). */
  schemaDefs(input: ScaffoldInput): Record<string, unknown>;
  /** The README's example of using it. */
  usage(short: string): string;
  /** The files under src/. */
  sources(input: ScaffoldInput): Record<string, string>;
  /** The files under test/; `header` imports the harness and defines `root` (this package). */
  tests(input: ScaffoldInput, header: string): Record<string, string>;
}

/** The dependency ranges the scaffold's tooling uses (what this repository builds with). */
export const TOOL_VERSIONS = { typescript: '^7.0.2', vitest: '^5.1.1', '@types/node': '^24.19.2' } as const;

/** The top of every scaffold's test file. */
export const TEST_HEADER = `import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestKernel, type TestKernel } from '@mcpctl/testing';

/** This package's root: the harness loads it like \`MCPCTL_PLUGINS=<root> mcpctl …\` (from dist/: \`npm test\` builds first). */
const root = fileURLToPath(new URL('..', import.meta.url));
`;

/** A plugin's src/index.ts whose setup only taps hooks (the lines of \`setupBody\`, indented for setup's body). */
export function pluginIndex(name: string, setupBody: string): string {
  return `import { definePlugin } from '@mcpctl/kernel';

export default definePlugin({
  name: '${name}',
  setup(ctx) {
${setupBody.trim().split('\n').map((line) => `    ${line}`).join('\n')}
  },
});
`;
}
