/** The kinds of plugin `mcpctl plugins create --kind` scaffolds. */
export type PluginKind = 'server' | 'command' | 'transport' | 'auth';

export interface ScaffoldInput {
  /** Package name. */
  name: string;
  /** The name of what it provides: a command word, server type, transport or auth method. */
  short: string;
  kind: PluginKind;
  /** Where this mcpctl's packages live, for `file:` dependencies until they are published. */
  kernelDir: string;
  testingDir: string;
  toolkitDir?: string;
  kernelVersion: string;
}

/** The dependency ranges the scaffold's tooling uses (what this repository builds with). */
export const TOOL_VERSIONS = { typescript: '^7.0.2', vitest: '^5.1.1', '@types/node': '^24.19.2' } as const;
