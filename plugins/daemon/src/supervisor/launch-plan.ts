import { isAbsolute, resolve } from 'node:path';
import type { ServerEntry } from '@mcpctl/kernel';
import { SERVER_NOT_SPAWNABLE } from '../errors.js';
import type { SpawnSpec } from './child-process.js';

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
    if (typeof entry.command !== 'string' || entry.command === '') throw SERVER_NOT_SPAWNABLE(name, 'a stdio entry needs a `command`');
    const args = entry.args ?? [];
    if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) throw SERVER_NOT_SPAWNABLE(name, '`args` must be a list of strings');
    const env = entry.env ?? {};
    if (typeof env !== 'object' || env === null || Array.isArray(env)) throw SERVER_NOT_SPAWNABLE(name, '`env` must be a map of strings');
    const cwd = typeof entry.cwd === 'string' ? (isAbsolute(entry.cwd) ? entry.cwd : resolve(context.baseDir, entry.cwd)) : context.baseDir;
    return {
      kind: 'spawn',
      spec: { command: entry.command, args: args as string[], env: { ...context.env, ...(env as Record<string, string>) }, cwd },
    };
  }
  if (context.isServerType(entry.type)) {
    if (!context.cli) throw SERVER_NOT_SPAWNABLE(name, `type "${entry.type}" runs as \`mcpctl serve\`, but the daemon does not know where the mcpctl CLI is`);
    if (!context.configPath) throw SERVER_NOT_SPAWNABLE(name, `type "${entry.type}" runs as \`mcpctl serve ${name}\`, which needs a config file`);
    const args = [context.cli.bin, 'serve', name, '--config', context.configPath, ...(context.profile ? ['--profile', context.profile] : [])];
    return { kind: 'spawn', spec: { command: context.cli.execPath, args, env: { ...context.env }, cwd: context.baseDir } };
  }
  return { kind: 'connect', transport: entry.type };
}
