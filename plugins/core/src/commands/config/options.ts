import type { OptionSpec } from '@mcpctl/kernel';

export const importOptions = {
  dryRun: { type: 'boolean', description: 'Print the resulting config file instead of writing it' },
  namePrefix: { type: 'string', description: 'Prefix for every imported server name', placeholder: 'prefix' },
  overwrite: { type: 'boolean', description: 'Replace configured servers that have the same name' },
} as const satisfies Record<string, OptionSpec>;

export const initOptions = {
  force: { type: 'boolean', description: 'Overwrite an existing config file' },
  format: { type: 'string', description: 'File format', choices: ['yaml', 'json'] as const, default: 'yaml' },
} as const satisfies Record<string, OptionSpec>;
