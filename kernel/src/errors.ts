import { format } from 'node:util';
import { ExitCode } from './exit-codes.js';

/**
 * Coded errors. Every error a user can see has a stable code, a message, a
 * hint saying how to fix it, and an exit code. All kernel codes are defined
 * at the bottom of this file; plugins define theirs with `createError`.
 */

// A registered symbol, so the brand survives when a plugin bundles its own copy of this module.
const BRAND = Symbol.for('mcpctl.error');

export interface McpctlErrorOptions {
  hint?: string;
  exitCode?: number;
  cause?: unknown;
  /** Machine-readable details for `--json` output (never secrets). */
  details?: Record<string, unknown>;
}

export class McpctlError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: McpctlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'McpctlError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.FAILURE;
    this.details = options.details;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The shape printed with `--json`. */
  toJSON(): { code: string; message: string; hint?: string; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function isMcpctlError(value: unknown): value is McpctlError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

export interface ErrorFactory<Args extends unknown[] = unknown[]> {
  (...args: [...Args, McpctlErrorOptions?]): McpctlError;
  readonly code: string;
  /** True when `error` was made by this factory. */
  is(error: unknown): error is McpctlError;
}

/**
 * Define a coded error. `message` is a util.format template (`%s`, `%d`);
 * the trailing argument may be options overriding the hint, exit code or cause.
 */
export function createError<Args extends unknown[] = unknown[]>(
  code: string,
  message: string,
  defaults: { exitCode?: number; hint?: string } = {},
): ErrorFactory<Args> {
  const factory = (...args: unknown[]): McpctlError => {
    const last = args.at(-1);
    const options = isOptionsArg(last, message) ? (args.pop() as McpctlErrorOptions) : {};
    return new McpctlError(code, format(message, ...args), {
      exitCode: defaults.exitCode,
      hint: defaults.hint,
      ...options,
    });
  };
  return Object.assign(factory, {
    code,
    is: (error: unknown): error is McpctlError => isMcpctlError(error) && error.code === code,
  }) as unknown as ErrorFactory<Args>;
}

function isOptionsArg(value: unknown, template: string): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  // An object consumed by a %o/%j placeholder is an argument, not options.
  return !/%[oOj]/.test(template);
}

const { USAGE, FAILURE } = ExitCode;

// ---------------------------------------------------------------- config
export const CONFIG_NOT_FOUND = createError<[string]>('MCPCTL_CONFIG_NOT_FOUND', 'Config file not found: %s', {
  exitCode: USAGE,
  hint: 'Check the path given with --config or MCPCTL_CONFIG.',
});
export const CONFIG_PARSE = createError<[string]>('MCPCTL_CONFIG_PARSE', '%s', {
  exitCode: USAGE,
  hint: 'Fix the syntax at the position shown.',
});
export const CONFIG_INVALID = createError<[string]>('MCPCTL_CONFIG_INVALID', '%s', {
  exitCode: USAGE,
  hint: 'Fix the values at the places shown; the composed JSON Schema says what each option takes.',
});
export const CONFIG_ENV_MISSING = createError<[string, string]>(
  'MCPCTL_CONFIG_ENV_MISSING',
  'Environment variable %s is not set (referenced at %s)',
  { exitCode: USAGE, hint: 'Set the variable, or give a default with ${env:NAME:-default}.' },
);
export const CONFIG_PROFILE_UNKNOWN = createError<[string, string]>('MCPCTL_CONFIG_PROFILE_UNKNOWN', 'Unknown profile "%s"; known profiles: %s', {
  exitCode: USAGE,
  hint: 'Pick one of the profiles defined under `profiles:` in the config, or drop --profile / MCPCTL_PROFILE.',
});
export const CONFIG_LOAD = createError<[string, string]>('MCPCTL_CONFIG_LOAD', 'Could not load config %s: %s', { exitCode: USAGE });
export const CONFIG_ENV_SYNTAX = createError<[string, string]>('MCPCTL_CONFIG_ENV_SYNTAX', 'Malformed reference %s (at %s)', {
  exitCode: USAGE,
  hint: 'Write ${env:NAME} or ${env:NAME:-default} (NAME: letters, digits, _); write $${ for a literal ${.',
});

// ---------------------------------------------------------------- plugins
export const PLUGIN_MANIFEST_INVALID = createError<[string, string]>('MCPCTL_PLUGIN_MANIFEST_INVALID', 'Plugin %s has an invalid manifest: %s', {
  exitCode: FAILURE,
  hint: 'Fix the `mcpctl` field of its package.json; see docs/writing-plugins.md#manifest.',
});
export const PLUGIN_NOT_A_PLUGIN = createError<[string]>('MCPCTL_PLUGIN_NOT_A_PLUGIN', '%s has no `mcpctl` field in its package.json', {
  hint: 'Only packages with an `mcpctl` manifest are plugins; remove it from `plugins:` / MCPCTL_PLUGINS.',
});
export const PLUGIN_NOT_FOUND = createError<[string, string]>('MCPCTL_PLUGIN_NOT_FOUND', 'Plugin %s could not be found (%s)', {
  hint: 'Check the name or path, and that the package is installed where mcpctl looks for plugins (next to the config, or in the user plugin folder).',
});
export const PLUGIN_API_INCOMPATIBLE = createError<[string, string, string]>(
  'MCPCTL_PLUGIN_API_INCOMPATIBLE',
  'Plugin %s needs plugin API %s, but this mcpctl provides %s',
  { hint: 'Upgrade or downgrade the plugin (or mcpctl) so the ranges match.' },
);
export const PLUGIN_ENTRY_MISSING = createError<[string, string]>('MCPCTL_PLUGIN_ENTRY_MISSING', 'Plugin %s: entry file %s does not exist', {
  hint: 'Build the plugin, or fix `mcpctl.entry` in its package.json.',
});
export const PLUGIN_LOAD_FAILED = createError<[string, string]>('MCPCTL_PLUGIN_LOAD_FAILED', 'Plugin %s could not be imported: %s', {
  hint: 'Run with --log-level debug for the stack trace; check the plugin is built for this Node version.',
});
export const PLUGIN_INVALID_EXPORT = createError<[string]>(
  'MCPCTL_PLUGIN_INVALID_EXPORT',
  'Plugin %s does not export a plugin object ({ name, setup })',
  { hint: 'Export `definePlugin({ name, setup })` as the default export (or module.exports).' },
);
export const PLUGIN_NAME_MISMATCH = createError<[string, string]>('MCPCTL_PLUGIN_NAME_MISMATCH', 'Plugin package %s exports a plugin named %s', {
  hint: 'The plugin object\'s `name` must equal the package name.',
});
export const PLUGIN_SETUP_FAILED = createError<[string, string]>('MCPCTL_PLUGIN_SETUP_FAILED', 'Plugin %s failed in setup: %s', {
  hint: 'The plugin was skipped; report this to its author (run with --log-level debug for the stack).',
});
export const PLUGIN_SETUP_TIMEOUT = createError<[string, number]>('MCPCTL_PLUGIN_SETUP_TIMEOUT', 'Plugin %s did not finish setup within %dms', {
  hint: 'The plugin was skipped; it may be waiting on the network or a lock. Raise MCPCTL_PLUGIN_TIMEOUT_MS if it is just slow.',
});
export const PLUGIN_DUPLICATE = createError<[string, string, string]>('MCPCTL_PLUGIN_DUPLICATE', 'Plugin %s is found twice; using the one from %s, ignoring %s', {
  hint: 'Remove one copy; precedence is MCPCTL_PLUGINS > config plugins: > user plugin folder > built-in.',
});
export const PLUGIN_CONFLICT = createError<[string, string, string]>('MCPCTL_PLUGIN_CONFLICT', '%s is provided by both %s and %s', {
  hint: 'The plugin with the higher precedence wins; uninstall or disable the other to silence this.',
});
export const PLUGIN_COMMAND_UNREGISTERED = createError<[string, string]>(
  'MCPCTL_PLUGIN_COMMAND_UNREGISTERED',
  'Plugin %s declares command "%s" in its manifest but did not register it',
  { hint: 'Register the command in the plugin\'s `commands` hook, or remove it from `provides.commands`.' },
);
export const PLUGIN_HOOK_FAILED = createError<[string, string, string]>('MCPCTL_PLUGIN_HOOK_FAILED', 'Plugin %s failed in hook %s: %s', {
  hint: 'Run with --log-level debug for the stack trace; report this to the plugin\'s author.',
});
export const PLUGIN_HOOK_TIMEOUT = createError<[string, string, number]>('MCPCTL_PLUGIN_HOOK_TIMEOUT', 'Plugin %s did not answer hook %s within %dms', {
  exitCode: ExitCode.TIMEOUT,
  hint: 'The plugin may be hanging; report this to its author.',
});
export const PLUGIN_HOOK_NAMESPACE = createError<[string, string, string]>('MCPCTL_PLUGIN_HOOK_NAMESPACE', 'Plugin %s declares hook "%s" outside its namespace "%s"', {
  hint: 'Name declared hooks `<namespace>.<hook>` with the plugin\'s own namespace (docs/writing-plugins.md#declaring-hooks); the hook was not created.',
});
export const PLUGIN_HOOK_UNDECLARED = createError<[string, string]>('MCPCTL_PLUGIN_HOOK_UNDECLARED', 'Plugin %s asked for its own hook "%s", which its manifest does not declare', {
  hint: 'Declare it under `provides.hooks` in the plugin\'s manifest, with the plugin\'s namespace (docs/writing-plugins.md#declaring-hooks).',
});
export const PLUGIN_SCHEMA_INVALID = createError<[string, string, string]>('MCPCTL_PLUGIN_SCHEMA_INVALID', 'Plugin %s has an invalid config schema (%s): %s', {
  hint: 'The plugin\'s `mcpctl.configSchema` file must be a JSON Schema (draft 2020-12) document; report this to its author.',
});

// ---------------------------------------------------------------- providers
export const UNKNOWN_SERVER_TYPE = createError<[string, string]>('MCPCTL_UNKNOWN_SERVER_TYPE', 'Unknown server type "%s"; known types: %s', {
  exitCode: USAGE,
  hint: 'Use one of the known types, or install the plugin that provides it.',
});
export const UNKNOWN_TRANSPORT = createError<[string, string]>('MCPCTL_UNKNOWN_TRANSPORT', 'Unknown transport "%s"; known transports: %s', { exitCode: USAGE });
export const UNKNOWN_AUTH_METHOD = createError<[string, string]>('MCPCTL_UNKNOWN_AUTH_METHOD', 'Unknown client auth method "%s"; known methods: %s', { exitCode: USAGE });
export const UNKNOWN_VERIFIER = createError<[string, string]>('MCPCTL_UNKNOWN_VERIFIER', 'Unknown verifier "%s"; known verifiers: %s', { exitCode: USAGE });
export const PROVIDER_UNAVAILABLE = createError<[string, string, string]>(
  'MCPCTL_PROVIDER_UNAVAILABLE',
  '%s "%s" is provided by plugin %s, which did not load',
  { hint: 'The plugin was skipped when it failed to load; its problem is recorded with the plugin.' },
);
export const PROVIDER_DECLINED = createError<[string, string]>('MCPCTL_PROVIDER_DECLINED', 'No plugin built a %s for "%s"', {
  hint: 'The providing plugin declared it in its manifest but returned nothing; report this to its author.',
});

// ---------------------------------------------------------------- CLI
export const USAGE_ERROR = createError<[string]>('MCPCTL_USAGE', '%s', { exitCode: USAGE, hint: 'Run `mcpctl --help` or `mcpctl <command> --help`.' });
export const UNKNOWN_COMMAND = createError<[string]>('MCPCTL_UNKNOWN_COMMAND', 'Unknown command: %s', {
  exitCode: USAGE,
  hint: 'Run `mcpctl --help` for the list of commands.',
});
/** Thrown in a kernel booted with `sessionsOnly: true` instead of spawning, connecting to or building a server in the runner's process. */
export const HOSTED_DECLINED = createError<[string]>('MCPCTL_HOSTED_DECLINED', "Not run in the runner's process: %s", {
  hint: 'The invoking CLI runs this command itself; nothing was sent to any server.',
});
export const INTERRUPTED = createError<[]>('MCPCTL_INTERRUPTED', 'Interrupted', { exitCode: ExitCode.INTERRUPTED });
export const TIMEOUT = createError<[string, number]>('MCPCTL_TIMEOUT', '%s timed out after %dms', {
  exitCode: ExitCode.TIMEOUT,
  hint: 'Raise the limit with --timeout <ms>.',
});
