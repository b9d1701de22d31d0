import { existsSync } from 'node:fs';
import { resolveDaemonPaths } from '../paths.js';
import { daemonDisabled, isDaemonRunnable, type GlobalOptionNames } from './commands.js';

/** What the CLI's bin script tells the fast path (from its package.json). */
export interface FastPathCli {
  version: string;
  globalOptions: GlobalOptionNames;
}

/**
 * The CLI's fast path (declared in the CLI's package.json): before the
 * kernel loads, hand a remotable command to a running daemon, which runs it
 * in its warm process and streams the output back. Resolves to the exit
 * code, or undefined when the CLI must run the command itself (no daemon,
 * another version, a command or plugin the daemon does not run).
 */
export async function runThroughDaemon(argv: string[], cli: FastPathCli): Promise<number | undefined> {
  if (daemonDisabled(process.env)) return undefined;
  // Cheapest first: no socket, no daemon.
  if (!existsSync(resolveDaemonPaths(process.env).socket)) return undefined;
  const { cachedRemotableCommands } = await import('@mcpctl/kernel/remotable-commands');
  const remotable = cachedRemotableCommands(process.env);
  if (!remotable || !isDaemonRunnable(argv, process.env, { remotable, globals: cli.globalOptions })) return undefined;
  const { execInDaemon } = await import('./thin-client.js');
  return execInDaemon(argv, cli.version);
}
