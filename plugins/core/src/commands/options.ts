import type { OptionSpec } from '@mcpctl/kernel';

export const initOptions = {
  force: { type: 'boolean', description: 'Overwrite an existing config file' },
  format: { type: 'string', description: 'File format', choices: ['yaml', 'json'] as const, default: 'yaml' },
} as const satisfies Record<string, OptionSpec>;
