import type { OptionSpec, PositionalSpec } from '@mcpctl/kernel';

/** Option declarations shared by the command specs (light) and their implementations (typed contexts). */

export const START_OPTIONS = {
  foreground: { type: 'boolean', description: 'Run in this process instead of detaching' },
  wait: { type: 'number', description: 'Milliseconds to wait for a detached daemon to answer (default 15000)', placeholder: 'ms' },
} as const satisfies Record<string, OptionSpec>;

export const STOP_OPTIONS = {
  timeout: { type: 'number', description: 'Milliseconds to wait for it to exit (default 30000)', placeholder: 'ms' },
} as const satisfies Record<string, OptionSpec>;

export const RELOAD_OPTIONS = {
  emitConfig: { type: 'boolean', hidden: true, description: 'Internal: print the loaded config for the daemon as JSON' },
} as const satisfies Record<string, OptionSpec>;

export const LOG_OPTIONS = {
  follow: { type: 'boolean', short: 'f', description: 'Keep printing new lines' },
  lines: { type: 'number', short: 'n', description: 'Lines to print (default 100)', placeholder: 'N' },
} as const satisfies Record<string, OptionSpec>;

export const ALL_OPTIONS = {
  all: { type: 'boolean', description: 'Every supervised server' },
} as const satisfies Record<string, OptionSpec>;

export const NO_OPTIONS = {} as const satisfies Record<string, OptionSpec>;

export const NAME: PositionalSpec = { name: 'name', description: 'Configured server name' };
export const OPTIONAL_NAME: PositionalSpec = { ...NAME, required: false };

/** `servers start|stop|restart`: one server by name, or --all. */
export const NAME_OR_ALL = { positionals: [OPTIONAL_NAME], options: ALL_OPTIONS };
