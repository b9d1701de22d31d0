import type { OptionSpec, PositionalSpec } from '@mcpctl/kernel';

/**
 * Options every client command takes (plain data: this file is loaded for
 * --help and routing, so it imports nothing heavy).
 */
export const targetOptions = {
  timeout: { type: 'number', description: 'Connect and request timeout in milliseconds (default 60000)', placeholder: '<ms>' },
  cmd: { type: 'string', description: 'Talk to an ad-hoc stdio server: the command line to spawn (then omit <target>)', placeholder: '<command line>' },
  env: { type: 'array', description: 'Environment variable for a stdio server (repeatable)', placeholder: 'KEY=VALUE' },
  cwd: { type: 'string', description: 'Working directory for a stdio server', placeholder: '<dir>' },
  header: { type: 'array', description: 'HTTP header for a URL target (repeatable)', placeholder: "'Name: value'" },
  transport: { type: 'string', description: 'Transport for a URL target (default: Streamable HTTP, falling back to SSE)', choices: ['http', 'sse'] },
  root: { type: 'array', description: 'Offer this directory to the server as a root (repeatable)', placeholder: '<dir>' },
  daemon: { type: 'boolean', description: "Use the daemon's warm session when it runs (--no-daemon connects directly)", default: true },
  breaker: { type: 'boolean', description: 'Respect the circuit breaker (--no-breaker connects even when it is open)', default: true },
} as const satisfies Record<string, OptionSpec>;

/** For commands that may make the server ask questions (elicitation). */
export const answerOptions = {
  acceptDefaults: { type: 'boolean', description: "Answer the server's questions with their defaults, without asking", default: false },
} as const satisfies Record<string, OptionSpec>;

export type TargetOptionSpecs = typeof targetOptions;

export const targetPositional: PositionalSpec = {
  name: 'target',
  required: false,
  description: 'A configured server name or an http(s):// URL (omit it with --cmd)',
};
