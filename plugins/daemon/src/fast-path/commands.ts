/**
 * Which invocations a thin client hands to a running daemon: the client
 * commands that talk to one server, unless told not to use the daemon or
 * asked for help. Pure argv inspection: this runs before anything loads.
 */
export const DAEMON_RUN_COMMANDS: ReadonlySet<string> = new Set(['call', 'tools', 'resources', 'templates', 'read', 'prompts', 'prompt', 'ping']);

/** Global options that take a value (see the CLI's global options). */
const GLOBAL_WITH_VALUE = new Set(['--config', '--profile', '--log-level']);

/** MCPCTL_NO_DAEMON=1 (or true): neither the thin client nor the `session` hook uses the daemon. */
export function daemonDisabled(env: NodeJS.ProcessEnv): boolean {
  return env.MCPCTL_NO_DAEMON === '1' || env.MCPCTL_NO_DAEMON === 'true';
}

export function isDaemonRunnable(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (daemonDisabled(env)) return false;
  let command: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--') break;
    if (arg === '--no-daemon' || arg === '--help' || arg === '-h' || arg.startsWith('--daemon=')) return false;
    if (GLOBAL_WITH_VALUE.has(arg)) index += 1;
    else if (command === undefined && !arg.startsWith('-')) command = arg;
  }
  return command !== undefined && DAEMON_RUN_COMMANDS.has(command);
}
