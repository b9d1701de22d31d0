import * as errors from '../errors.js';
import type { DeclaredHookSource } from '../hooks/facade.js';
import type { KernelHooks } from '../interfaces/hooks.js';
import type { Logger } from '../interfaces/logger.js';
import type { PluginProblem, PluginRecord } from '../interfaces/plugin-record.js';
import { logProblem, type Catalog } from '../plugins/catalog.js';
import { importPlugin, runSetup } from '../plugins/load-plugin.js';
import { KERNEL_VERSION, PLUGIN_API_VERSION } from '../version.js';

/** Plugin setup timeout; MCPCTL_PLUGIN_TIMEOUT_MS overrides. */
const DEFAULT_SETUP_TIMEOUT_MS = 5000;

export interface TapStats {
  calls: number;
  totalMs: number;
  maxMs: number;
  errors: number;
}

export interface PluginLoaderOptions {
  catalog: Catalog;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  /** `pluginConfig.<name>` for a plugin's setup. */
  settingsFor(name: string): Promise<Record<string, unknown>>;
}

/**
 * Creates the hooks (and imports tapable) on first need, and imports and
 * sets up each plugin once. A plugin whose setup fails is disabled: its taps
 * pass through. Loading a plugin that declares hooks also loads the plugins
 * that tap them, so a declared hook is never called before its taps exist.
 */
export class PluginLoader {
  readonly tapStats = new Map<string, TapStats>();
  private hooksObject: KernelHooks | undefined;
  private declared: DeclaredHookSource | undefined;
  private readonly loads = new Map<string, Promise<boolean>>();
  private readonly disabled = new Set<string>();
  /** The plugin whose `commands` tap is running (attributes registered specs). */
  registeringPlugin = '';

  constructor(private readonly options: PluginLoaderOptions) {}

  /** The hooks, if anything created them yet (observers skip work otherwise). */
  get created(): KernelHooks | undefined {
    return this.hooksObject;
  }

  /** The real hooks, created (and tapable imported) on first need. */
  async hooks(): Promise<KernelHooks> {
    if (this.hooksObject) return this.hooksObject;
    const [{ createHooks }, { interceptAll }, { PluginHookRegistry }] = await Promise.all([
      import('../hooks/create-hooks.js'),
      import('../hooks/interceptor.js'),
      import('../hooks/plugin-hooks.js'),
    ]);
    const deps = {
      isDisabled: (plugin: string) => this.disabled.has(plugin),
      record: (plugin: string, hook: string, durationMs: number, error?: unknown) => this.recordTap(plugin, hook, durationMs, error !== undefined),
      env: this.options.env,
    };
    const hooks = createHooks();
    interceptAll(hooks, deps);
    hooks.commands.intercept({ tap: (tap) => void (this.registeringPlugin = tap.name) });
    this.declared = new PluginHookRegistry((name) => this.options.catalog.declaredHook(name), deps);
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
    this.options.logger.trace({ plugin, hook, ms: Math.round(durationMs * 10) / 10 }, 'tap');
  }

  /**
   * Import and set up one plugin once, and the plugins that tap the hooks it
   * declares (transitively); false (with a recorded problem) when it cannot load.
   */
  async ensureLoaded(record: PluginRecord): Promise<boolean> {
    const loaded = await this.loadOne(record);
    if (loaded && record.manifest.provides?.hooks?.length) await Promise.all(this.tappersOf(record).map((tapper) => this.loadOne(tapper)));
    return loaded;
  }

  /** Every plugin that taps a hook `record` declares, following further declarations (no plugin twice). */
  private tappersOf(record: PluginRecord): PluginRecord[] {
    const found = new Map<string, PluginRecord>([[record.name, record]]);
    const queue = [record];
    for (let next = queue.shift(); next; next = queue.shift()) {
      for (const hook of next.manifest.provides?.hooks ?? []) {
        for (const tapper of this.options.catalog.eagerFor(hook.name)) {
          if (found.has(tapper.name)) continue;
          found.set(tapper.name, tapper);
          queue.push(tapper);
        }
      }
    }
    found.delete(record.name);
    return [...found.values()];
  }

  /** Load every usable plugin that lists `name` under `taps`, then return the hooks. */
  async loadEager(name: string): Promise<KernelHooks> {
    await Promise.all(this.options.catalog.eagerFor(name).map((record) => this.ensureLoaded(record)));
    return this.hooks();
  }

  private loadOne(record: PluginRecord): Promise<boolean> {
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
    const declared = this.declared as DeclaredHookSource;
    const { logger, env } = this.options;
    const started = performance.now();
    try {
      const definition = await importPlugin(record);
      const { createHooksFacade, createOwnHooks } = await import('../hooks/facade.js');
      const timeout = Number(env.MCPCTL_PLUGIN_TIMEOUT_MS) || DEFAULT_SETUP_TIMEOUT_MS;
      const pluginLogger = logger.child({ plugin: record.name });
      await runSetup(record, definition, {
        name: record.name,
        version: record.version,
        hooks: createHooksFacade(hooks, record.name, declared, pluginLogger),
        ownHooks: createOwnHooks(record.name, declared),
        logger: pluginLogger,
        config: await this.options.settingsFor(record.name),
        kernel: { version: KERNEL_VERSION, apiVersion: PLUGIN_API_VERSION },
      }, timeout);
      record.state = 'loaded';
      logger.debug({ plugin: record.name, ms: Math.round(performance.now() - started) }, 'plugin loaded');
      return true;
    } catch (error) {
      // Taps the plugin made before failing become pass-throughs.
      this.disabled.add(record.name);
      record.state = 'failed';
      const coded = errors.isMcpctlError(error) ? error : errors.PLUGIN_LOAD_FAILED(record.name, String(error));
      const problem: PluginProblem = { code: coded.code, plugin: record.name, source: record.source, path: record.dir, message: coded.message, hint: coded.hint ?? '', severity: 'error' };
      this.options.catalog.addProblem(problem);
      logProblem(logger, problem);
      logger.debug({ err: coded.cause ?? coded }, 'plugin failure');
      return false;
    }
  }
}
