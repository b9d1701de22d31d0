import type { CommandSpec, OptionSpec } from './interfaces/commands.js';
import type { PluginDefinition } from './interfaces/plugin.js';

/**
 * Identity helpers that give plugin authors type inference. They hold no
 * state, so a plugin that bundles its own copy of the kernel still works.
 */
export function definePlugin<Config = Record<string, unknown>>(plugin: PluginDefinition<Config>): PluginDefinition<Config> {
  return plugin;
}

export function defineCommand<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}
