import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { locateConfigFile } from './config-locate.js';
import * as errors from './errors.js';
import { policyFor } from './hooks/hook-policies.js';
import type { CommandSpec } from './interfaces/commands.js';
import type { AuthConfig, LoadedConfig, ServerEntry } from './interfaces/config.js';
import type { ClientAuth, KernelHooks, ServerLifecycleEvent, AuthVerifier } from './interfaces/hooks.js';
import type { HealthCheckResult, HealthSubject } from './interfaces/health.js';
import type { JsonSchema } from './interfaces/json-schema.js';
import type { Logger } from './interfaces/logger.js';
import type { EagerHookName } from './interfaces/manifest.js';
import type { ClientSession, McpServerLike, McpTransport, SessionRequest } from './interfaces/mcp.js';
import type { PluginProblem, PluginRecord } from './interfaces/plugin.js';
import type { KernelServices, McpctlPaths } from './interfaces/services.js';
import { KNOWN_PROVIDERS } from './known-providers.js';
import { Catalog, type ProvidedKind } from './plugins/catalog.js';
import { discoverPlugins } from './plugins/discover.js';
import { DiscoveryCache, fileStamp } from './plugins/discovery-cache.js';
import { importPlugin, runSetup } from './plugins/load-plugin.js';
import { resolvePaths } from './paths.js';
import { KERNEL_VERSION, PLUGIN_API_VERSION } from './version.js';

export interface KernelOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Built-in plugin package names and the directory they resolve from (the CLI). */
  builtins: string[];
  builtinBase: string;
  configPath?: string;
  profile?: string;
  safeMode?: boolean;
  /** Use the on-disk discovery cache (default true). */
  cache?: boolean;
  /**
   * Booted to run another process's invocation (see CommandHost): only
   * sessions the `session` hook offers may be used; opening a transport or
   * hosting a server type in this process throws MCPCTL_HOSTED_DECLINED.
   * The loaded config is remembered for the host's next invocations.
   */
  hosted?: boolean;
}

/** Plugin setup timeout; MCPCTL_PLUGIN_TIMEOUT_MS overrides. */
const DEFAULT_SETUP_TIMEOUT_MS = 5000;

/**
 * The microkernel. Booting discovers plugins from manifests only; hooks
 * (tapable) are created and plugin code is imported on first use, so
 * `--help` and routing never pay for them.
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

  private hooksObject: KernelHooks | undefined;
  private readonly loads = new Map<string, Promise<boolean>>();
  private readonly disabled = new Set<string>();
  private configPromise: Promise<LoadedConfig> | undefined;
  private commandSpecs: Map<string, { spec: CommandSpec<any>; plugin: string }> | undefined;
  private registeringPlugin = '';
  readonly tapStats = new Map<string, { calls: number; totalMs: number; maxMs: number; errors: number }>();

  private constructor(private readonly init: KernelOptions, catalog: Catalog, configFile: string | undefined, paths: McpctlPaths) {
    this.logger = init.logger;
    this.paths = paths;
    this.plugins = catalog;
    this.configFile = configFile;
    this.options = { configPath: configFile, profile: init.profile, safeMode: init.safeMode ?? false, cwd: init.cwd };
  }

  /** Locate the config, read its `plugins:` list (cached), and discover plugins. */
  static async boot(init: KernelOptions): Promise<Kernel> {
    const paths = resolvePaths(init.env);
    const configFile = locateConfigFile({ cwd: init.cwd, explicitPath: init.configPath, env: init.env, globalDir: paths.config });
    const cache = init.cache === false ? undefined : new DiscoveryCache(join(paths.cache, 'discovery.json'), `${KERNEL_VERSION}+${PLUGIN_API_VERSION}`);
    const configPlugins = init.safeMode || !configFile ? [] : await configPluginList(configFile, init, cache);
    const result = discoverPlugins(
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
    for (const problem of result.problems) kernel.logProblem(problem);
    return kernel;
  }

  private logProblem(problem: PluginProblem): void {
    // Discovery problems are counted in --help and detailed by `plugins doctor`;
    // a command that needs the broken plugin fails with PROVIDER_UNAVAILABLE.
    const log = problem.severity === 'error' ? this.logger.info : this.logger.debug;
    log.call(this.logger, { code: problem.code, plugin: problem.plugin, path: problem.path }, `${problem.message}${problem.hint ? ` — ${problem.hint}` : ''}`);
  }

  // ------------------------------------------------------------------ hooks and loading

  /** The real hooks, created (and tapable imported) on first need. */
  private async hooks(): Promise<KernelHooks> {
    if (this.hooksObject) return this.hooksObject;
    const [{ createHooks }, { interceptAll }] = await Promise.all([import('./hooks/create-hooks.js'), import('./hooks/interceptor.js')]);
    const hooks = createHooks();
    interceptAll(hooks, {
      isDisabled: (plugin) => this.disabled.has(plugin),
      record: (plugin, hook, durationMs, error) => this.recordTap(plugin, hook, durationMs, error !== undefined),
      env: this.init.env,
    });
    // Attributes each registered command spec to the plugin whose tap is running.
    hooks.commands.intercept({ tap: (tap) => void (this.registeringPlugin = tap.name) });
    this.hooksObject = hooks;
    return hooks;
  }

  private recordTap(plugin: string, hook: string, durationMs: number, failed: boolean): void {
    const key = `${plugin} ${hook}`;
    const stats = this.tapStats.get(key) ?? { calls: 0, totalMs: 0, maxMs: 0, errors: 0 };
    stats.calls += 1;
    stats.totalMs += durationMs;
    stats.maxMs = Math.max(stats.maxMs, durationMs);
    if (failed) stats.errors += 1;
    this.tapStats.set(key, stats);
    this.logger.trace({ plugin, hook, ms: Math.round(durationMs * 10) / 10 }, 'tap');
  }

  /** Import and set up one plugin once; false (with a recorded problem) when it cannot load. */
  ensureLoaded(record: PluginRecord): Promise<boolean> {
    let pending = this.loads.get(record.name);
    if (!pending) {
      pending = this.load(record);
      this.loads.set(record.name, pending);
    }
    return pending;
  }

  private async load(record: PluginRecord): Promise<boolean> {
    if (record.state === 'failed' || record.state === 'shadowed') return false;
    const hooks = await this.hooks();
    const started = performance.now();
    try {
      const definition = await importPlugin(record);
      const { createHooksFacade } = await import('./hooks/facade.js');
      const timeout = Number(this.init.env.MCPCTL_PLUGIN_TIMEOUT_MS) || DEFAULT_SETUP_TIMEOUT_MS;
      await runSetup(record, definition, {
        name: record.name,
        version: record.version,
        hooks: createHooksFacade(hooks, record.name),
        logger: this.logger.child({ plugin: record.name }),
        config: await this.pluginSettings(record.name),
        kernel: { version: KERNEL_VERSION, apiVersion: PLUGIN_API_VERSION },
      }, timeout);
      record.state = 'loaded';
      this.logger.debug({ plugin: record.name, ms: Math.round(performance.now() - started) }, 'plugin loaded');
      return true;
    } catch (error) {
      // Taps the plugin made before failing become pass-throughs.
      this.disabled.add(record.name);
      record.state = 'failed';
      const coded = errors.isMcpctlError(error) ? error : errors.PLUGIN_LOAD_FAILED(record.name, String(error));
      const problem: PluginProblem = { code: coded.code, plugin: record.name, source: record.source, path: record.dir, message: coded.message, hint: coded.hint ?? '', severity: 'error' };
      this.plugins.addProblem(problem);
      this.logProblem(problem);
      this.logger.debug({ err: coded.cause ?? coded }, 'plugin failure');
      return false;
    }
  }

  /** `pluginConfig.<name>`, validated as part of the config (loaded only if the file has settings for it). */
  private async pluginSettings(name: string): Promise<Record<string, unknown>> {
    if (!this.configFile || !this.configPromise && !rawHasPluginConfig(this.configFile, name)) return {};
    const loaded = await this.loadConfig();
    return (loaded.config.pluginConfig[name] as Record<string, unknown> | undefined) ?? {};
  }

  async loadAllPlugins(): Promise<PluginProblem[]> {
    await Promise.all(this.plugins.list().map((record) => this.ensureLoaded(record)));
    await this.commands();
    return this.plugins.problems();
  }

  private async loadEager(hook: EagerHookName): Promise<KernelHooks> {
    await Promise.all(this.plugins.eagerFor(hook).map((record) => this.ensureLoaded(record)));
    return this.hooks();
  }

  /** The plugin that provides `name`, loaded; or a coded error that says what is known. */
  private async provider(kind: ProvidedKind, name: string): Promise<KernelHooks> {
    const record = this.plugins.providerOf(kind, name);
    if (!record) {
      const failed = this.plugins.failedProviderOf(kind, name);
      if (failed) throw errors.PROVIDER_UNAVAILABLE(kindLabel(kind), name, failed.name);
      const known = this.plugins.names(kind).join(', ') || '(none)';
      const install = KNOWN_PROVIDERS[name] ? { hint: `"${name}" is provided by ${KNOWN_PROVIDERS[name]}; install it with \`mcpctl plugins install ${KNOWN_PROVIDERS[name]}\`.` } : {};
      if (kind === 'serverType') throw errors.UNKNOWN_SERVER_TYPE(name, known, install);
      if (kind === 'transport') throw errors.UNKNOWN_TRANSPORT(name, known, install);
      throw errors.UNKNOWN_AUTH_METHOD(name, known, install);
    }
    if (!(await this.ensureLoaded(record))) throw errors.PROVIDER_UNAVAILABLE(kindLabel(kind), name, record.name);
    return this.hooks();
  }

  // ------------------------------------------------------------------ commands

  /** Specs registered by loaded plugins, keyed by path; only paths the owner's manifest declares count. */
  async commands(): Promise<Map<string, { spec: CommandSpec<any>; plugin: string }>> {
    const hooks = await this.hooks();
    const specs = new Map<string, { spec: CommandSpec<any>; plugin: string }>();
    hooks.commands.call({
      register: (spec) => {
        const key = spec.path.join(' ');
        const owner = this.plugins.route(spec.path);
        if (owner?.plugin === this.registeringPlugin && owner.path.join(' ') === key) specs.set(key, { spec, plugin: this.registeringPlugin });
        else this.logger.debug({ plugin: this.registeringPlugin, command: key }, 'command not routed to this plugin; ignored');
      },
    });
    this.commandSpecs = specs;
    return specs;
  }

  /** Load the plugin that owns a command path and return its spec. */
  async commandSpec(path: string[]): Promise<CommandSpec<any>> {
    const key = path.join(' ');
    const routed = this.plugins.route(path);
    const record = routed && this.plugins.get(routed.plugin);
    if (!record || !(await this.ensureLoaded(record))) {
      const failed = routed ? this.plugins.get(routed.plugin) : this.plugins.failedProviderOf('command', key);
      if (failed) throw errors.PROVIDER_UNAVAILABLE('Command', key, failed.name);
      throw errors.UNKNOWN_COMMAND(key);
    }
    const found = (this.commandSpecs?.has(key) ? this.commandSpecs : await this.commands()).get(key);
    if (!found) throw errors.PLUGIN_COMMAND_UNREGISTERED(record.name, key);
    return found.spec;
  }

  // ------------------------------------------------------------------ config

  loadConfig(): Promise<LoadedConfig> {
    this.configPromise ??= this.readAndValidateConfig();
    return this.configPromise;
  }

  private async readAndValidateConfig(): Promise<LoadedConfig> {
    // Only a long-lived host loads the same config again; a one-shot command would remember for nothing.
    // A config.transform tap may depend on anything: only an untransformed config is remembered.
    if (!this.init.hosted || !this.configFile || this.plugins.eagerFor('config.transform').length > 0) return this.readAndValidateConfigFile();
    const { memoKeyFor, recall, remember } = await import('./config/loaded-memo.js');
    const memoKey = memoKeyFor({
      filepath: this.configFile,
      cwd: this.init.cwd,
      profile: this.init.profile,
      env: this.init.env,
      plugins: this.plugins.list().map((record) => `${record.name}@${record.version} ${record.dir} ${record.state}`).join('\n'),
    });
    const known = memoKey ? recall(memoKey) : undefined;
    if (known) return known;
    const loaded = await this.readAndValidateConfigFile();
    if (memoKey) remember(memoKey, loaded);
    return loaded;
  }

  private async readAndValidateConfigFile(): Promise<LoadedConfig> {
    const config = await import('./config/index.js');
    const file = this.configFile ? await config.readConfigFile({ cwd: this.init.cwd, configPath: this.configFile, env: this.init.env }) : undefined;
    const resolved = config.resolveConfig(file, { profile: this.init.profile, env: this.init.env });
    let value = resolved.config;
    if (this.plugins.eagerFor('config.transform').length > 0) {
      const hooks = await this.loadEager('config.transform');
      value = await hooks.config.transform.promise(value, { filepath: file?.filepath, profile: resolved.profile, logger: this.logger });
    }
    const issues = config.validateConfig(value, this.plugins.fragments(), {
      file,
      profile: resolved.profile,
      secretPointers: resolved.secretPointers,
      knownProviders: KNOWN_PROVIDERS,
      knownPlugins: this.plugins.list().map((record) => record.name),
    });
    if (issues.length > 0) throw config.configInvalidError(issues, file?.filepath);
    return { filepath: file?.filepath, profile: resolved.profile, config: value, secretPointers: resolved.secretPointers };
  }

  async configSchema(): Promise<JsonSchema> {
    const config = await import('./config/index.js');
    const schema = config.composeConfigSchema(this.plugins.fragments(), KNOWN_PROVIDERS);
    if (this.plugins.eagerFor('config.schema').length === 0) return schema;
    const hooks = await this.loadEager('config.schema');
    return hooks.config.schema.call(schema);
  }

  // ------------------------------------------------------------------ provider services

  isServerType(type: string): boolean {
    return this.plugins.providerOf('serverType', type) !== undefined || this.plugins.failedProviderOf('serverType', type) !== undefined;
  }

  async createTransport(transport: string, entry: ServerEntry, options: { name?: string; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<McpTransport> {
    if (this.init.hosted) throw errors.HOSTED_DECLINED(`a ${transport} connection to ${options.name ?? 'a server'} would be opened by the host`);
    const hooks = await this.provider('transport', transport);
    const built = await hooks.transport.for(transport).promise(
      { name: options.name, transport, entry, timeoutMs: options.timeoutMs },
      { logger: this.logger.child({ transport }), signal: options.signal, clientAuth: (auth, serverName) => this.clientAuth(auth, serverName) },
    );
    if (!built) throw errors.PROVIDER_DECLINED('transport', transport);
    return built;
  }

  async clientAuth(auth: AuthConfig, serverName?: string): Promise<ClientAuth> {
    const hooks = await this.provider('authMethod', auth.method);
    const built = await hooks.auth.client.for(auth.method).promise({ config: auth, serverName }, { logger: this.logger.child({ auth: auth.method }) });
    if (!built) throw errors.PROVIDER_DECLINED('client credential', auth.method);
    return built;
  }

  async authVerifier(auth: AuthConfig): Promise<AuthVerifier> {
    const hooks = await this.provider('authMethod', auth.method);
    const built = await hooks.auth.verifier.for(auth.method).promise({ config: auth }, { logger: this.logger.child({ auth: auth.method }) });
    if (!built) throw errors.PROVIDER_DECLINED('credential verifier', auth.method);
    return built;
  }

  async buildServer(name: string, entry: ServerEntry, options: { signal?: AbortSignal; baseDir?: string } = {}): Promise<McpServerLike> {
    if (this.init.hosted) throw errors.HOSTED_DECLINED(`server ${name} (${entry.type}) would run inside the host`);
    const hooks = await this.provider('serverType', entry.type);
    const baseDir = options.baseDir ?? (this.configFile ? dirname(this.configFile) : this.init.cwd);
    const built = await hooks.serverType.for(entry.type).promise({ name, entry }, { logger: this.logger.child({ server: name }), signal: options.signal, baseDir });
    if (!built) throw errors.PROVIDER_DECLINED('server', entry.type);
    return built;
  }

  async offeredSession(request: SessionRequest): Promise<ClientSession | undefined> {
    if (this.plugins.eagerFor('session').length === 0) return undefined;
    const hooks = await this.loadEager('session');
    return (await hooks.session.promise(request)) ?? undefined;
  }

  async runHealthChecks(subject: HealthSubject, options: { timeoutMs?: number } = {}): Promise<HealthCheckResult[]> {
    if (this.plugins.eagerFor('health').length === 0) return [];
    const hooks = await this.loadEager('health');
    const results: HealthCheckResult[] = [];
    const deadline = options.timeoutMs ?? policyFor('health', this.init.env).timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadline);
    });
    await Promise.race([hooks.health.promise(subject, (result) => results.push(result)), expired]);
    clearTimeout(timer);
    return results;
  }

  readonly lifecycle = {
    serverStarting: (event: ServerLifecycleEvent) => this.fireLifecycle('serverStarting', event),
    serverReady: (event: ServerLifecycleEvent) => this.fireLifecycle('serverReady', event),
    serverExited: (event: ServerLifecycleEvent) => this.fireLifecycle('serverExited', event),
    shutdown: async () => {
      if (!this.hooksObject) return;
      await this.hooksObject.lifecycle.shutdown.promise();
    },
  };

  private async fireLifecycle(name: 'serverStarting' | 'serverReady' | 'serverExited', event: ServerLifecycleEvent): Promise<void> {
    if (this.plugins.eagerFor('lifecycle').length === 0 && !this.hooksObject) return;
    const hooks = await this.loadEager('lifecycle');
    try {
      await hooks.lifecycle[name].promise(event);
    } catch (error) {
      // Observers must not break the server they observe.
      this.logger.warn({ err: error }, `lifecycle.${name} tap failed`);
    }
  }
}

function kindLabel(kind: ProvidedKind): string {
  return kind === 'serverType' ? 'Server type' : kind === 'transport' ? 'Transport' : 'Auth method';
}

/**
 * The config's `plugins:` list (with the chosen profile's list replacing it),
 * cached by the file's mtime and size so a warm start parses no config.
 */
async function configPluginList(configFile: string, init: KernelOptions, cache: DiscoveryCache | undefined): Promise<string[]> {
  const key = `${fileStamp(configFile)}|${init.profile ?? ''}`;
  const cached = cache?.lookupConfigPlugins(key, configFile);
  if (cached) return cached;
  let plugins: string[] = [];
  try {
    const config = await import('./config/index.js');
    const file = await config.readConfigFile({ cwd: init.cwd, configPath: configFile, env: init.env });
    const raw = (file?.raw ?? {}) as { plugins?: unknown; profiles?: Record<string, { plugins?: unknown }> };
    const list = (init.profile && raw.profiles?.[init.profile]?.plugins) ?? raw.plugins;
    plugins = Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    // A broken config is reported by the command that needs it; discovery goes on without its plugins.
    return [];
  }
  cache?.storeConfigPlugins(key, configFile, plugins);
  return plugins;
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
