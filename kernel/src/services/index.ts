import type { KnownProviders } from '../config/types.js';
import type { ClientSession, SessionRequest } from '../interfaces/mcp.js';
import type { Logger } from '../interfaces/logger.js';
import type { Catalog } from '../plugins/catalog.js';
import { CommandIndex } from './command-index.js';
import { ConfigService } from './config-service.js';
import { Observers } from './observers.js';
import { PluginLoader } from './plugin-loader.js';
import { Providers } from './providers.js';

export { CommandIndex, ConfigService, Observers, PluginLoader, Providers };
export type { RegisteredCommand } from './command-index.js';
export type { TapStats } from './plugin-loader.js';

/** The kernel's units of work, one per concern, wired together. */
export interface Services {
  loader: PluginLoader;
  config: ConfigService;
  commands: CommandIndex;
  providers: Providers;
  observers: Observers;
  offerSession?: (request: SessionRequest) => Promise<ClientSession | undefined>;
}

export interface ServicesOptions {
  catalog: Catalog;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  cwd: string;
  configFile: string | undefined;
  profile: string | undefined;
  knownProviders: KnownProviders;
  sessionsOnly: boolean;
  offerSession?: (request: SessionRequest) => Promise<ClientSession | undefined>;
}

/** Built on the first call that needs more than manifests (not for `--help` or routing). */
export function createServices(options: ServicesOptions): Services {
  const { catalog, logger, env, cwd, configFile, profile, knownProviders, sessionsOnly } = options;
  // The loader asks the config for a plugin's settings; the config asks the loader for `config.transform` taps.
  let config: ConfigService | undefined;
  const loader = new PluginLoader({ catalog, logger, env, settingsFor: (name) => config!.pluginSettings(name) });
  config = new ConfigService({ catalog, loader, logger, configFile, cwd, env, profile, knownProviders, remember: sessionsOnly });
  return {
    loader,
    config,
    commands: new CommandIndex(catalog, loader, logger),
    providers: new Providers({ catalog, loader, logger, knownProviders, sessionsOnly, configFile, cwd }),
    observers: new Observers(catalog, loader, logger, env),
    ...(options.offerSession ? { offerSession: options.offerSession } : {}),
  };
}
