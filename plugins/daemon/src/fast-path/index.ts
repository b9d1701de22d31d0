import { isDaemonRunnable } from './commands.js';

/**
 * The CLI's fast path (declared in the CLI's package.json): before the
 * kernel loads, hand a client command to a running daemon, which runs it in
 * its warm process and streams the output back. Resolves to the exit code,
 * or undefined when the CLI must run the command itself (no daemon, another
 * version, a command or plugin the daemon does not run).
 */
export async function runThroughDaemon(argv: string[], version: string): Promise<number | undefined> {
  if (!isDaemonRunnable(argv, process.env)) return undefined;
  const { execInDaemon } = await import('./thin-client.js');
  return execInDaemon(argv, version);
}
