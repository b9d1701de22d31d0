import type { ServerEntry } from '@mcpctl/kernel';
import { ENTRY_INVALID, stdioCommand } from '@mcpctl/toolkit/entry';
import type { SpawnSpec } from '@mcpctl/toolkit/process';
import { SERVER_NOT_SPAWNABLE } from '../errors.js';

/** How the supervisor runs a server: spawn a child and talk stdio, or connect to one it does not run. */
export type LaunchPlan =
  | { kind: 'spawn'; spec: SpawnSpec }
  | { kind: 'connect'; transport: string }
  /** The entry cannot be run (e.g. a stdio entry without a command); the unit shows it as failed. */
  | { kind: 'invalid'; reason: string };

export interface LaunchContext {
  /** Config file the daemon loaded (passed to `mcpctl serve`). */
  configPath?: string;
  profile?: string;
  /** Directory relative paths in entries resolve against (the config file's). */
  baseDir: string;
  /** How to run the CLI itself, for mcpctl's own server types (`mcpctl serve <name>`). */
  cli?: { execPath: string; bin: string };
  /** Whether `type` is a server type hosted by mcpctl (vs. a transport to an external server). */
  isServerType(type: string): boolean;
  /**
   * Whether the daemon's process can open this transport. A transport plugin
   * installed after the daemon started is known to the config (a reload
   * validates it in a fresh process) but not loaded here.
   */
  canConnect?(transport: string): boolean;
  /** The daemon's environment, inherited by children. */
  env: NodeJS.ProcessEnv;
}

/**
 * Decide how to run a configured server: `stdio` entries are spawned as
 * given; mcpctl's own server types run as `mcpctl serve <name>`; any other
 * transport (http, sse…) names a server mcpctl does not run, so the daemon
 * only connects to it (warm session + health).
 */
export function planLaunch(name: string, entry: ServerEntry, context: LaunchContext): LaunchPlan {
  if (entry.type === 'stdio') {
    // The same reading of a stdio entry as core's stdio transport; the daemon's children inherit its whole environment.
    const { command, args, env, cwd } = parseStdio(name, entry, context.baseDir);
    return { kind: 'spawn', spec: { command, args, env: { ...context.env, ...env }, cwd: cwd ?? context.baseDir } };
  }
  if (context.isServerType(entry.type)) {
    if (!context.cli) throw SERVER_NOT_SPAWNABLE(name, `type "${entry.type}" runs as \`mcpctl serve\`, but the daemon does not know where the mcpctl CLI is`);
    if (!context.configPath) throw SERVER_NOT_SPAWNABLE(name, `type "${entry.type}" runs as \`mcpctl serve ${name}\`, which needs a config file`);
    const args = [context.cli.bin, 'serve', name, '--config', context.configPath, ...(context.profile ? ['--profile', context.profile] : [])];
    return { kind: 'spawn', spec: { command: context.cli.execPath, args, env: { ...context.env }, cwd: context.baseDir } };
  }
  if (context.canConnect && !context.canConnect(entry.type)) {
    throw SERVER_NOT_SPAWNABLE(name, `transport "${entry.type}" comes from a plugin this daemon has not loaded (installed after it started?); restart the daemon (\`mcpctl daemon stop\`, then \`mcpctl daemon start\`) to use it`);
  }
  return { kind: 'connect', transport: entry.type };
}

function parseStdio(name: string, entry: ServerEntry, baseDir: string): ReturnType<typeof stdioCommand> {
  try {
    return stdioCommand(entry, name, { baseDir });
  } catch (error) {
    if (!ENTRY_INVALID.is(error)) throw error;
    throw SERVER_NOT_SPAWNABLE(name, String(error.details?.problem ?? error.message));
  }
}
