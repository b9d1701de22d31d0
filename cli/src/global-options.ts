import type { LogLevel } from '@mcpctl/kernel';
import { errors, isLogLevel } from '@mcpctl/kernel/runtime';
import { cliPackage } from './cli-package.js';

/** Options every command accepts, anywhere on the command line. */
export interface GlobalOptions {
  configPath?: string;
  profile?: string;
  logLevel: LogLevel;
  json: boolean;
  safeMode: boolean;
  help: boolean;
}

export const GLOBAL_OPTION_HELP: ReadonlyArray<[string, string]> = [
  ['--config <path>', 'Use this config file (env MCPCTL_CONFIG); no search'],
  ['--profile <name>', 'Apply profiles.<name> over the config (env MCPCTL_PROFILE)'],
  ['--log-level <level>', 'trace|debug|info|warn|error|silent (env MCPCTL_LOG_LEVEL; default warn)'],
  ['--json', 'Print results (and errors) as JSON on stdout'],
  ['--safe-mode', 'Load built-in plugins only (env MCPCTL_SAFE_MODE=1)'],
  ['-h, --help', 'Show help; `mcpctl <command> --help` for a command'],
  ['-V, --version', 'Print the version'],
];

// Declared in package.json#mcpctl.globalOptions, where the daemon's fast path finds them before anything loads.
const WITH_VALUE = new Set(cliPackage.mcpctl.globalOptions.withValue);
const FLAGS = new Set(cliPackage.mcpctl.globalOptions.flags);

/**
 * Pulls the global options out of argv (they may appear anywhere before
 * `--`), so command parsing only sees the command's own arguments.
 * Environment variables give defaults; flags win.
 */
export function extractGlobalOptions(argv: readonly string[], env: NodeJS.ProcessEnv): { globals: GlobalOptions; rest: string[] } {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const rest: string[] = [];
  let help = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--') {
      rest.push(...argv.slice(index));
      break;
    }
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (WITH_VALUE.has(name)) {
      const value = inline ?? argv[++index];
      if (value === undefined) throw errors.USAGE_ERROR(`${name} needs a value`);
      values[name] = value;
    } else if (FLAGS.has(arg)) {
      flags.add(arg);
    } else {
      if (arg === '--help' || arg === '-h') help = true;
      rest.push(arg);
    }
  }
  const logLevel = values['--log-level'] ?? env.MCPCTL_LOG_LEVEL ?? 'warn';
  if (!isLogLevel(logLevel)) throw errors.USAGE_ERROR(`--log-level must be one of trace, debug, info, warn, error, fatal, silent (got "${logLevel}")`);
  return {
    globals: {
      configPath: values['--config'] ?? (env.MCPCTL_CONFIG || undefined),
      profile: values['--profile'] ?? (env.MCPCTL_PROFILE || undefined),
      logLevel,
      json: flags.has('--json'),
      safeMode: flags.has('--safe-mode') || env.MCPCTL_SAFE_MODE === '1' || env.MCPCTL_SAFE_MODE === 'true',
      help,
    },
    rest,
  };
}

/** How to report an error under these options: JSON or text, with a stack trace at debug level. */
export function reportOptions(globals: GlobalOptions): { json: boolean; debug: boolean } {
  return { json: globals.json, debug: globals.logLevel === 'debug' || globals.logLevel === 'trace' };
}

/** The words before the first option: enough to route (`config show`, `call`). */
export function leadingWords(args: readonly string[]): string[] {
  const words: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-')) break;
    words.push(arg);
  }
  return words;
}
