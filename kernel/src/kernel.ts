import { dirname, join } from 'node:path';
import { locateConfigFile } from './config-locate.js';
import type { KnownProviders } from './config/types.js';
import type { AuthVerifier, ClientAuth } from './interfaces/auth.js';
import type { CommandSpec } from './interfaces/commands.js';
import type { AuthConfig, LoadedConfig, ServerEntry } from './interfaces/config.js';
import type { HealthCheckResult, HealthSubject } from './interfaces/health.js';
import type { JsonSchema } from './interfaces/json-schema.js';
import type { Logger } from './interfaces/logger.js';
import type { ClientSession, McpServerLike, McpTransport, SessionRequest } from './interfaces/mcp.js';
import type { PluginProblem, PluginRecord } from './interfaces/plugin-record.js';
import type { KernelServices, McpctlPaths } from './interfaces/services.js';
import { Catalog, logProblem } from './plugins/catalog.js';
import { discoverPlugins } from './plugins/discover.js';
import { DiscoveryCache } from './plugins/discovery-cache.js';
import { fileStamp } from './plugins/file-stamp.js';
import { resolvePaths } from './paths.js';
import type { RegisteredCommand, Services, TapStats } from './services/index.js';
import { KERNEL_VERSION, PLUGIN_API_VERSION } from './version.js';

export interface KernelOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Built-in plugin package names and the directory they resolve from (the CLI). */
  builtins: string[];
  builtinBase: string;
  /**
   * Names that plugins not installed here would provide (type or method →
   * package), so an unknown name can say what to install. Data the CLI
   * carries; the kernel loads nothing from it.
   */
  knownProviders?: KnownProviders;
  configPath?: string;
  profile?: string;
  safeMode?: boolean;
  /** Use the on-disk discovery cache (default true). */
  cache?: boolean;
  /**
   * No server is spawned, connected to or built in this process: commands
   * use only offered sessions, and createTransport / buildServer throw
   * MCPCTL_HOSTED_DECLINED (for an invocation run for another process, see
   * RunInvocation, which that process then runs itself). The loaded config
   * is remembered for the runner's next invocations.
   */
  sessionsOnly?: boolean;
  /**
   * The sessions the runner offers this kernel's commands (the daemon's warm
   * sessions): `offeredSession` asks this instead of the `session` hook.
   */
  offerSession?: (request: SessionRequest) => Promise<ClientSession | undefined>;
}

/**
 * The microkernel. Booting discovers plugins from manifests only; hooks
 * (tapable) are created and plugin code is imported on first use, so
 * `--help` and routing never pay for them. The work is done by one unit per
 * concern (services/, imported on the first call that needs one): loading
 * plugins, indexing commands, the config, the keyed provider hooks and the
 * observer hooks.
 */
export class Kernel implements KernelServices {
  readonly version = KERNEL_VERSION;
  readonly apiVersion = PLUGIN_API_VERSION;
  readonly logger: Logger;
  readonly paths: McpctlPaths;
  readonly plugins: Catalog;
  readonly options: KernelServices['options'];
  /** The config file found (or given), before it is parsed. */
  readonly configFile: string | undefined;

  private servicesPromise: Promise<Services> | undefined;
  private built: Services | undefined;

  private constructor(private readonly init: KernelOptions, catalog: Catalog, configFile: string | undefined, paths: McpctlPaths) {
    this.logger = init.logger;
    this.paths = paths;
    this.plugins = catalog;
    this.configFile = configFile;
    this.options = { configPath: configFile, profile: init.profile, safeMode: init.safeMode ?? false, cwd: init.cwd };
  }

  private services(): Promise<Services> {
    this.servicesPromise ??= import('./services/index.js').then(({ createServices }) => {
      const { init } = this;
      this.built = createServices({
        catalog: this.plugins,
        logger: init.logger,
        env: init.env,
        cwd: init.cwd,
        configFile: this.configFile,
        profile: init.profile,
        knownProviders: init.knownProviders ?? {},
        sessionsOnly: init.sessionsOnly ?? false,
        ...(init.offerSession ? { offerSession: init.offerSession } : {}),
      });
      return this.built;
    });
    return this.servicesPromise;
  }

  /** Locate the config, read its `plugins:` list (cached), and discover plugins. */
  static async boot(init: KernelOptions): Promise<Kernel> {
    const paths = resolvePaths(init.env);
    const configFile = locateConfigFile({ cwd: init.cwd, explicitPath: init.configPath, env: init.env, globalDir: paths.config });
    const cache = init.cache === false ? undefined : new DiscoveryCache(join(paths.cache, 'discovery.json'), `${KERNEL_VERSION}+${PLUGIN_API_VERSION}`);
    const configPlugins = init.safeMode || !configFile ? [] : await configPluginList(configFile, init, cache);
    const result = await discoverPlugins(
      {
        builtins: init.builtins,
        builtinBase: init.builtinBase,
        configPlugins,
        configDir: configFile ? dirname(configFile) : init.cwd,
        userDir: paths.plugins,
        envList: init.env.MCPCTL_PLUGINS,
        safeMode: init.safeMode ?? false,
      },
      PLUGIN_API_VERSION,
      cache,
    );
    await cache?.save(new Set(result.records.map((record) => record.dir)));
    const kernel = new Kernel(init, new Catalog(result), configFile, paths);
    for (const problem of kernel.plugins.problems()) logProblem(kernel.logger, problem);
    return kernel;
  }

  /** Per plugin and hook: calls, time and errors of its taps (for `--log-level trace` and tests). */
  get tapStats(): ReadonlyMap<string, TapStats> {
    return this.built?.loader.tapStats ?? new Map();
  }

  /** Import and set up one plugin once; false (with a recorded problem) when it cannot load. */
  async ensureLoaded(record: PluginRecord): Promise<boolean> {
    return (await this.services()).loader.ensureLoaded(record);
  }

  async loadAllPlugins(): Promise<PluginProblem[]> {
    const { loader, commands } = await this.services();
    await Promise.all(this.plugins.list().map((record) => loader.ensureLoaded(record)));
    await commands.collect();
    return this.plugins.problems();
  }

  /** Specs registered by loaded plugins, keyed by path; only paths the owner's manifest declares count. */
  async commands(): Promise<Map<string, RegisteredCommand>> {
    return (await this.services()).commands.collect();
  }

  /** Load the plugin that owns a command path and return its spec. */
  async commandSpec(path: string[]): Promise<CommandSpec<any>> {
    return (await this.services()).commands.spec(path);
  }

  /**
   * Advice plugins give for an error code (`provides.hints`), shown after the
   * error's own hint; undefined when none does.
   */
  hintFor(code: string): string | undefined {
    return this.plugins.hintFor(code);
  }

  async loadConfig(): Promise<LoadedConfig> {
    return (await this.services()).config.loadConfig();
  }

  async configSchema(): Promise<JsonSchema> {
    return (await this.services()).config.configSchema();
  }

  isServerType(type: string): boolean {
    return this.plugins.providerOf('serverType', type) !== undefined || this.plugins.failedProviderOf('serverType', type) !== undefined;
  }

  async createTransport(transport: string, entry: ServerEntry, options?: { name?: string; timeoutMs?: number; signal?: AbortSignal }): Promise<McpTransport> {
    return (await this.services()).providers.createTransport(transport, entry, options);
  }

  async clientAuth(auth: AuthConfig, serverName?: string): Promise<ClientAuth> {
    return (await this.services()).providers.clientAuth(auth, serverName);
  }

  async authVerifier(auth: AuthConfig, options: { serverName?: string; endpointPath: string }): Promise<AuthVerifier> {
    return (await this.services()).providers.authVerifier(auth, options);
  }

  async buildServer(name: string, entry: ServerEntry, options?: { signal?: AbortSignal; baseDir?: string }): Promise<McpServerLike> {
    return (await this.services()).providers.buildServer(name, entry, options);
  }

  async offeredSession(request: SessionRequest): Promise<ClientSession | undefined> {
    const services = await this.services();
    return services.offerSession ? services.offerSession(request) : services.observers.offeredSession(request);
  }

  async runHealthChecks(subject: HealthSubject, options?: { timeoutMs?: number }): Promise<HealthCheckResult[]> {
    return (await this.services()).observers.runHealthChecks(subject, options);
  }

  readonly lifecycle: KernelServices['lifecycle'] = {
    serverStarting: async (event) => (await this.services()).observers.lifecycle.serverStarting(event),
    serverReady: async (event) => (await this.services()).observers.lifecycle.serverReady(event),
    serverExited: async (event) => (await this.services()).observers.lifecycle.serverExited(event),
    // Nothing to shut down when nothing was ever loaded.
    shutdown: async () => this.built?.observers.lifecycle.shutdown(),
  };
}

/**
 * The config's `plugins:` list (with the chosen profile's list replacing it),
 * cached by the file's mtime and size so a warm start parses no config.
 */
async function configPluginList(configFile: string, options: { cwd: string; env: NodeJS.ProcessEnv; profile?: string }, cache: DiscoveryCache | undefined): Promise<string[]> {
  const key = `${fileStamp(configFile)}|${options.profile ?? ''}`;
  const cached = cache?.lookupConfigPlugins(key, configFile);
  if (cached) return cached;
  let plugins: string[] = [];
  try {
    const config = await import('./config/index.js');
    const file = await config.readConfigFile({ cwd: options.cwd, configPath: configFile, env: options.env });
    const raw = (file?.raw ?? {}) as { plugins?: unknown; profiles?: Record<string, { plugins?: unknown }> };
    const list = (options.profile && raw.profiles?.[options.profile]?.plugins) ?? raw.plugins;
    plugins = Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    // A broken config is reported by the command that needs it; discovery goes on without its plugins.
    return [];
  }
  cache?.storeConfigPlugins(key, configFile, plugins);
  return plugins;
}
