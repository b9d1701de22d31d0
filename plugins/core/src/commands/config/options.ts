import type { OptionSpec } from '@mcpctl/kernel';

export const importOptions = {
  dryRun: { type: 'boolean', description: 'Print the resulting config file instead of writing it' },
  namePrefix: { type: 'string', description: 'Prefix for every imported server name', placeholder: 'prefix' },
  overwrite: { type: 'boolean', description: 'Replace configured servers that have the same name' },
} as const satisfies Record<string, OptionSpec>;
