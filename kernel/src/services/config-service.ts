import { readFileSync } from 'node:fs';
import type { LoadedConfig } from '../interfaces/config.js';
import type { JsonSchema } from '../interfaces/json-schema.js';
import type { Logger } from '../interfaces/logger.js';
import type { Catalog } from '../plugins/catalog.js';
import type { KnownProviders } from '../config/types.js';
import { installHint, withPluginHint } from '../plugins/hints.js';
import type { PluginLoader } from './plugin-loader.js';

export interface ConfigServiceOptions {
  catalog: Catalog;
  loader: PluginLoader;
  logger: Logger;
  configFile: string | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
  profile: string | undefined;
  knownProviders: KnownProviders;
  /** A long-lived host: remember the loaded config across invocations. */
  remember: boolean;
}

/**
 * Loads the config once per process: read, resolve (profile, `${env:…}`),
 * run `config.transform` taps, validate against the composed schema. The
 * config modules (cosmiconfig, yaml, ajv) are imported on first use.
 */
export class ConfigService {
  private configPromise: Promise<LoadedConfig> | undefined;
  /**
   * The config as written (profile applied, `${env:…}` resolved) while the
   * `config.transform` tappers are loaded: they run before validation, so
   * their setup gets their `pluginConfig` section from it instead of waiting
   * for the validated config that waits for them.
   */
  private untransformed: Record<string, unknown> | undefined;

  constructor(private readonly options: ConfigServiceOptions) {}

  loadConfig(): Promise<LoadedConfig> {
    this.configPromise ??= this.readAndValidate().catch((error: unknown) => {
      throw withPluginHint(this.options.catalog, error);
    });
    return this.configPromise;
  }

  /** `pluginConfig.<name>`, validated as part of the config (loaded only if the file has settings for it). */
  async pluginSettings(name: string): Promise<Record<string, unknown>> {
    const { configFile } = this.options;
    if (this.untransformed) return settingsIn(this.untransformed, name);
    if (!configFile || !this.configPromise && !rawHasPluginConfig(configFile, name)) return {};
    const loaded = await this.loadConfig();
    return (loaded.config.pluginConfig[name] as Record<string, unknown> | undefined) ?? {};
  }

  async configSchema(): Promise<JsonSchema> {
    const { catalog, loader, knownProviders } = this.options;
    const config = await import('../config/index.js');
    const schema = config.composeConfigSchema(catalog.fragments(), knownProviders);
    if (catalog.eagerFor('config.schema').length === 0) return schema;
    const hooks = await loader.loadEager('config.schema');
    return hooks.config.schema.call(schema);
  }

  private async readAndValidate(): Promise<LoadedConfig> {
    const { catalog, configFile, cwd, env, profile } = this.options;
    // Only a long-lived host loads the same config again; a one-shot command would remember for nothing.
    // A config.transform tap may depend on anything: only an untransformed config is remembered.
    if (!this.options.remember || !configFile || catalog.eagerFor('config.transform').length > 0) return this.readAndValidateFile();
    const { memoKeyFor, recall, remember } = await import('../config/loaded-memo.js');
    const memoKey = memoKeyFor({
      filepath: configFile,
      cwd,
      profile,
      env,
      plugins: catalog.list().map((record) => `${record.name}@${record.version} ${record.dir} ${record.state}`).join('\n'),
    });
    const known = memoKey ? recall(memoKey) : undefined;
    if (known) return known;
    const loaded = await this.readAndValidateFile();
    if (memoKey) remember(memoKey, loaded);
    return loaded;
  }

  private async readAndValidateFile(): Promise<LoadedConfig> {
    const { catalog, loader, configFile, cwd, env, profile, knownProviders, logger } = this.options;
    const config = await import('../config/index.js');
    const file = configFile ? await config.readConfigFile({ cwd, configPath: configFile, env }) : undefined;
    const resolved = config.resolveConfig(file, { profile, env });
    let value = resolved.config;
    if (catalog.eagerFor('config.transform').length > 0) {
      this.untransformed = value as Record<string, unknown>;
      let hooks;
      try {
        hooks = await loader.loadEager('config.transform');
      } finally {
        this.untransformed = undefined;
      }
      value = await hooks.config.transform.promise(value, { filepath: file?.filepath, profile: resolved.profile, logger });
    }
    const issues = config.validateConfig(value, catalog.fragments(), {
      file,
      profile: resolved.profile,
      secretPointers: resolved.secretPointers,
      knownProviders,
      knownPlugins: catalog.list().map((record) => record.name),
      installHint: (packageName) => installHint(catalog, packageName),
    });
    if (issues.length > 0) throw config.configInvalidError(issues, file?.filepath);
    return { filepath: file?.filepath, profile: resolved.profile, config: value, secretPointers: resolved.secretPointers };
  }
}

function settingsIn(config: Record<string, unknown>, name: string): Record<string, unknown> {
  const section = (config.pluginConfig as Record<string, unknown> | undefined)?.[name];
  return typeof section === 'object' && section !== null && !Array.isArray(section) ? (section as Record<string, unknown>) : {};
}

/**
 * Settings for a plugin can only exist if the config text names it, so a
 * plugin whose name the file never mentions gets {} without the config being
 * parsed and validated (keeps `plugins list` working on a broken config).
 */
function rawHasPluginConfig(configFile: string, name: string): boolean {
  try {
    return readFileSync(configFile, 'utf8').includes(name);
  } catch {
    return false;
  }
}
