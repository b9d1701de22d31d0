import * as errors from '../errors.js';
import type { CommandSpec } from '../interfaces/commands.js';
import type { Logger } from '../interfaces/logger.js';
import type { Catalog } from '../plugins/catalog.js';
import { withPluginHint } from '../plugins/hints.js';
import type { PluginLoader } from './plugin-loader.js';

export interface RegisteredCommand {
  spec: CommandSpec<any>;
  plugin: string;
}

/**
 * Command specs of loaded plugins, by path. Only paths the registering
 * plugin's manifest declares count: routing happens on manifests, so a spec
 * a plugin registers for someone else's path is ignored.
 */
export class CommandIndex {
  private specs: Map<string, RegisteredCommand> | undefined;

  constructor(private readonly catalog: Catalog, private readonly loader: PluginLoader, private readonly logger: Logger) {}

  /** Call the `commands` hook on every loaded plugin and index what they register. */
  async collect(): Promise<Map<string, RegisteredCommand>> {
    const hooks = await this.loader.hooks();
    const specs = new Map<string, RegisteredCommand>();
    hooks.commands.call({
      register: (spec) => {
        const key = spec.path.join(' ');
        const owner = this.catalog.route(spec.path);
        const plugin = this.loader.registeringPlugin;
        if (owner?.plugin === plugin && owner.path.join(' ') === key) specs.set(key, { spec, plugin });
        else this.logger.debug({ plugin, command: key }, 'command not routed to this plugin; ignored');
      },
    });
    this.specs = specs;
    return specs;
  }

  /** Load the plugin that owns a command path and return its spec (errors carry plugins' hints). */
  async spec(path: string[]): Promise<CommandSpec<any>> {
    try {
      return await this.load(path);
    } catch (error) {
      throw withPluginHint(this.catalog, error);
    }
  }

  private async load(path: string[]): Promise<CommandSpec<any>> {
    const key = path.join(' ');
    const routed = this.catalog.route(path);
    const record = routed && this.catalog.get(routed.plugin);
    if (!record || !(await this.loader.ensureLoaded(record))) {
      const failed = routed ? this.catalog.get(routed.plugin) : this.catalog.failedProviderOf('command', key);
      if (failed) throw errors.PROVIDER_UNAVAILABLE('Command', key, failed.name);
      throw errors.UNKNOWN_COMMAND(key);
    }
    const found = (this.specs?.has(key) ? this.specs : await this.collect()).get(key);
    if (!found) throw errors.PLUGIN_COMMAND_UNREGISTERED(record.name, key);
    return found.spec;
  }
}
