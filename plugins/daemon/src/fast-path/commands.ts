/**
 * Which invocations a thin client hands to a running daemon: commands whose
 * manifest entry says `remotable` (read from the discovery catalog), unless
 * told not to use the daemon or asked for help. Pure argv inspection: this
 * runs before anything loads.
 */

/** What the CLI declares about its global options (cli/package.json#mcpctl.globalOptions). */
export interface GlobalOptionNames {
  /** Options that take a value (`--config <path>`, `--config=<path>`). */
  withValue: readonly string[];
  /** Options that take none (`--json`). */
  flags: readonly string[];
}

/** MCPCTL_NO_DAEMON=1 (or true): neither the thin client nor the `session` hook uses the daemon. */
export function daemonDisabled(env: NodeJS.ProcessEnv): boolean {
  return env.MCPCTL_NO_DAEMON === '1' || env.MCPCTL_NO_DAEMON === 'true';
}

/**
 * The words that name the command: the leading non-option words once the
 * global options (which may stand anywhere before `--`) are taken out, as
 * the CLI routes them. Undefined when the invocation opts out of the daemon
 * (`--no-daemon`, `--daemon=…`) or asks for help.
 */
export function commandWords(argv: readonly string[], globals: GlobalOptionNames): string[] | undefined {
  const withValue = new Set(globals.withValue);
  const flags = new Set(globals.flags);
  const words: string[] = [];
  let inWords = true;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--') break;
    if (arg === '--no-daemon' || arg === '--help' || arg === '-h' || arg.startsWith('--daemon=')) return undefined;
    const name = arg.startsWith('--') && arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (withValue.has(name)) {
      if (name === arg) index += 1;
    } else if (flags.has(arg)) {
      // A global flag does not end the command's words.
    } else if (arg.startsWith('-')) {
      inWords = false;
    } else if (inWords) {
      words.push(arg);
    }
  }
  return words;
}

export function isDaemonRunnable(argv: readonly string[], env: NodeJS.ProcessEnv, catalog: { remotable: readonly (readonly string[])[]; globals: GlobalOptionNames }): boolean {
  if (daemonDisabled(env)) return false;
  const words = commandWords(argv, catalog.globals);
  if (!words || words.length === 0) return false;
  return catalog.remotable.some((path) => path.length <= words.length && path.every((word, index) => word === words[index]));
}
