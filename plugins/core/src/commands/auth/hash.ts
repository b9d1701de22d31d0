import { defineCommand } from '@mcpctl/kernel';

export const authHash = defineCommand({
  path: ['auth', 'hash'],
  summary: 'Hash an API key or password for a serve.auth block',
  description: [
    'Prints the hash a verifier in `serve: { auth: … }` stores instead of the secret.',
    'api-key: the SHA-256 of the key (64 hex digits) for `keys: [{ sha256: … }]`; with --generate, a new random key is made and printed too.',
    'basic: an scrypt hash for `users: [{ username, hash: … }]`.',
    'The secret is read from stdin (the first line), so it stays out of your shell history.',
  ].join('\n'),
  examples: [
    ['Make a new API key and its hash', 'mcpctl auth hash --method api-key --generate'],
    ['Hash an existing key', 'printf %s "$API_KEY" | mcpctl auth hash --method api-key'],
    ['Hash a password', 'mcpctl auth hash --method basic < password.txt'],
  ],
  options: {
    method: { type: 'string', choices: ['api-key', 'basic'] as const, default: 'api-key', description: 'The verifier the hash is for' },
    generate: { type: 'boolean', default: false, description: 'api-key: generate a random key instead of reading one' },
  },
  async run({ io, options }) {
    const { runAuthHash } = await import('../../auth/verifiers/hash-command.js');
    return runAuthHash(io, options);
  },
});
