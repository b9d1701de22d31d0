import type { OptionSpec, PositionalSpec } from '@mcpctl/kernel';

/**
 * The client commands' option tables: plain data, loaded for --help and
 * routing, so it imports nothing heavy. Specs (beside this file) and their
 * implementations (src/run/client/) both import them from here.
 */

/** Options every client command takes. */
export const targetOptions = {
  timeout: { type: 'number', description: 'Connect and request timeout in milliseconds (default 60000)', placeholder: '<ms>' },
  cmd: { type: 'string', description: 'Talk to an ad-hoc stdio server: the command line to spawn (then omit <target>)', placeholder: '<command line>' },
  env: { type: 'array', description: 'Environment variable for a stdio server (repeatable)', placeholder: 'KEY=VALUE' },
  cwd: { type: 'string', description: 'Working directory for a stdio server', placeholder: '<dir>' },
  header: { type: 'array', description: 'HTTP header for a URL target (repeatable)', placeholder: "'Name: value'" },
  transport: { type: 'string', description: 'Transport for a URL target (default: Streamable HTTP, falling back to SSE)', choices: ['http', 'sse'] },
  auth: { type: 'string', description: 'Auth method for a URL target, e.g. oauth (implied by any --oauth-* option)', placeholder: '<method>' },
  oauthClientId: { type: 'string', description: 'OAuth: a pre-registered client id for a URL target', placeholder: '<id>' },
  oauthClientSecret: { type: 'string', description: 'OAuth: the client secret for a URL target', placeholder: '<secret>' },
  oauthGrant: { type: 'string', description: 'OAuth: the grant for a URL target', choices: ['authorization_code', 'client_credentials', 'device_code'] },
  oauthScope: { type: 'array', description: 'OAuth: a scope to ask for, for a URL target (repeatable)', placeholder: '<scope>' },
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

export const callOptions = {
  ...targetOptions,
  ...answerOptions,
  args: { type: 'string', description: 'All arguments as a JSON object (key=value pairs are merged over it)', placeholder: '<json>' },
  argsFile: { type: 'string', description: "Read the arguments JSON from a file ('-' for stdin)", placeholder: '<file>' },
  out: { type: 'string', description: 'Save image, audio and binary content into this directory', placeholder: '<dir>' },
  retry: { type: 'boolean', description: 'Repeat the call on a connection failure, if the tool is annotated idempotent', default: false },
} as const;

export const healthOptions = {
  timeout: { ...targetOptions.timeout, description: 'Per-target timeout in milliseconds (default 10000)' },
  header: targetOptions.header,
  transport: targetOptions.transport,
  daemon: targetOptions.daemon,
  breaker: targetOptions.breaker,
} as const;

export const pingOptions = {
  ...targetOptions,
  count: { type: 'number', description: 'Send this many pings (default 1)', placeholder: '<n>' },
} as const;

export const promptOptions = {
  ...targetOptions,
  ...answerOptions,
  out: { type: 'string', description: 'Save image, audio and binary content into this directory', placeholder: '<dir>' },
} as const;

export const readOptions = {
  ...targetOptions,
  ...answerOptions,
  out: { type: 'string', description: 'Write the content to this file instead of printing it', placeholder: '<file>' },
} as const;
