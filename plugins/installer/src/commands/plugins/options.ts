import type { OptionSpec } from '@mcpctl/kernel';

/** Options every command that fetches from a registry accepts. */
export const registryOption = {
  registry: { type: 'string', description: 'Registry URL (default: what npm would use: .npmrc, npm_config_registry)', placeholder: 'url' },
} as const satisfies Record<string, OptionSpec>;

/** Options every command that installs accepts. */
export const installOptions = {
  ...registryOption,
  yes: { type: 'boolean', short: 'y', description: 'Install without asking (the question is only asked on a terminal)' },
  allowScripts: { type: 'boolean', description: 'Run the packages\' lifecycle scripts (install, postinstall, …); off by default' },
  installer: { type: 'string', choices: ['direct', 'arborist', 'live-plugin-manager'], description: 'Which installer to use (default direct, or pluginConfig["@mcpctl/plugin-installer"].installer)' },
  setupTimeout: { type: 'number', description: 'How long the plugin\'s setup check may take (default MCPCTL_PLUGIN_TIMEOUT_MS or 5000)', placeholder: 'ms' },
} as const satisfies Record<string, OptionSpec>;
