import type { OptionSpec } from '@mcpctl/kernel';

/** Options that describe the OAuth client: all of it for a URL target; overrides of the entry's `auth:` block for a configured server. */
export const oauthTargetOptions = {
  oauthClientId: { type: 'string', description: 'OAuth client id (a pre-registered client)', placeholder: '<id>' },
  oauthClientSecret: { type: 'string', description: 'OAuth client secret (prefer ${env:…} in the config)', placeholder: '<secret>' },
  oauthGrant: { type: 'string', description: 'OAuth grant to use', choices: ['authorization_code', 'client_credentials', 'device_code'] },
  oauthScope: { type: 'array', description: 'Scope to ask for (repeatable)', placeholder: '<scope>' },
} as const satisfies Record<string, OptionSpec>;

/** The server a command works on: a configured server using auth method oauth, or a URL. */
export const targetPositional = { name: 'target', description: 'A configured server using auth method oauth, or an http(s) URL' };
