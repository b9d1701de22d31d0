import * as errors from '../errors.js';
import type { JsonSchema } from '../interfaces/json-schema.js';
import type { ProvidedCommand, ProvidedHook } from '../interfaces/manifest.js';
import type { Logger } from '../interfaces/logger.js';
import type { PluginProblem, PluginRecord } from '../interfaces/plugin-record.js';
import type { PluginCatalog, ProvidedKind } from '../interfaces/services.js';
import type { ConfigFragment } from '../config/types.js';
import type { DiscoveryResult } from './discover.js';

export type { ProvidedKind };

/** A command path from a manifest, with the plugin that owns it. */
export interface RoutedCommand extends ProvidedCommand {
  plugin: string;
}

const MANIFEST_KEY: Record<ProvidedKind, 'serverTypes' | 'transports' | 'clientAuth' | 'verifiers'> = {
  serverType: 'serverTypes',
  transport: 'transports',
  clientAuth: 'clientAuth',
  verifier: 'verifiers',
};

/** A hook a plugin declared, with its owner. */
export interface DeclaredHook extends ProvidedHook {
  plugin: string;
}

/**
 * What discovery found, indexed for routing: which plugin owns each command
 * path, server type, transport, client auth method, verifier and declared
 * hook. Built from manifests only. Each kind is its own namespace (core's
 * `basic` client auth and its `basic` verifier do not conflict).
 * When two usable plugins claim the same thing, the one with higher
 * precedence wins and a PLUGIN_CONFLICT warning is recorded.
 */
export class Catalog implements PluginCatalog {
  private readonly records: PluginRecord[];
  private readonly byName = new Map<string, PluginRecord>();
  private readonly providers = new Map<string, PluginRecord>();
  /** Things only failed plugins provide: for "provided by X, which did not load". */
  private readonly failedProviders = new Map<string, PluginRecord>();
  private readonly commandList: RoutedCommand[] = [];
  private readonly hookList = new Map<string, DeclaredHook>();
  private readonly problemList: PluginProblem[];

  constructor(result: DiscoveryResult, readonly schemas: Map<string, JsonSchema> = result.schemas) {
    this.records = result.records;
    this.problemList = [...result.problems];
    for (const record of this.records) {
      if (record.state === 'shadowed') continue;
      this.byName.set(record.name, record);
      const usable = record.state !== 'failed';
      const provides = record.manifest.provides ?? {};
      for (const kind of Object.keys(MANIFEST_KEY) as ProvidedKind[]) {
        for (const item of provides[MANIFEST_KEY[kind]] ?? []) this.claim(`${kind}:${item.name}`, `${kind} "${item.name}"`, record, usable);
      }
      for (const command of provides.commands ?? []) {
        const key = `command:${command.path.join(' ')}`;
        if (this.claim(key, `command "${command.path.join(' ')}"`, record, usable)) this.commandList.push({ ...command, plugin: record.name });
      }
      for (const hook of provides.hooks ?? []) {
        const invalid = declaredHookProblem(record.name, hook);
        if (invalid) {
          this.problemList.push({ code: invalid.code, plugin: record.name, source: record.source, path: record.dir, message: invalid.message, hint: invalid.hint ?? '', severity: 'warning' });
          continue;
        }
        if (this.claim(`hook:${hook.name}`, `hook "${hook.name}"`, record, usable)) this.hookList.set(hook.name, { ...hook, plugin: record.name });
      }
    }
  }

  private claim(key: string, label: string, record: PluginRecord, usable: boolean): boolean {
    if (!usable) {
      if (!this.failedProviders.has(key)) this.failedProviders.set(key, record);
      return false;
    }
    const owner = this.providers.get(key);
    if (owner) {
      const error = errors.PLUGIN_CONFLICT(label, owner.name, record.name);
      this.problemList.push({ code: error.code, plugin: record.name, source: record.source, path: record.dir, message: `${error.message}; using ${owner.name}`, hint: error.hint ?? '', severity: 'warning' });
      return false;
    }
    this.providers.set(key, record);
    return true;
  }

  list(): PluginRecord[] {
    return [...this.records];
  }

  get(name: string): PluginRecord | undefined {
    return this.byName.get(name);
  }

  problems(): PluginProblem[] {
    return [...this.problemList];
  }

  addProblem(problem: PluginProblem): void {
    this.problemList.push(problem);
  }

  providerOf(kind: ProvidedKind, name: string): PluginRecord | undefined {
    return this.providers.get(`${kind}:${name}`);
  }

  /** The failed plugin that would provide this, when no usable one does. */
  failedProviderOf(kind: ProvidedKind | 'command', name: string): PluginRecord | undefined {
    return this.failedProviders.get(`${kind}:${name}`);
  }

  names(kind: ProvidedKind): string[] {
    const prefix = `${kind}:`;
    return [...this.providers.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)).sort();
  }

  /** Every routable command, in manifest order. */
  commands(): RoutedCommand[] {
    return [...this.commandList];
  }

  /** The command whose path is the longest prefix of argv (options never match). */
  route(argv: readonly string[]): RoutedCommand | undefined {
    let best: RoutedCommand | undefined;
    for (const command of this.commandList) {
      const matches = command.path.every((segment, index) => argv[index] === segment);
      if (matches && (!best || command.path.length > best.path.length)) best = command;
    }
    return best;
  }

  /**
   * Usable plugins whose manifest lists `name` under `taps` and so must load
   * before that hook is called (a kernel hook's `eager` name, or a declared hook).
   */
  eagerFor(name: string): PluginRecord[] {
    return [...this.byName.values()].filter((record) => record.state !== 'failed' && record.manifest.provides?.taps?.includes(name));
  }

  /**
   * Hint text a usable plugin's manifest gives for `key` (`provides.hints`):
   * an error code (extra advice shown with that error, e.g. core's "run
   * `mcpctl plugins doctor`") or `install` (how to install a plugin). The
   * first plugin in precedence order that has one wins.
   */
  hintFor(key: string): string | undefined {
    for (const record of this.byName.values()) {
      const hint = record.state === 'failed' ? undefined : record.manifest.provides?.hints?.[key];
      if (hint) return hint;
    }
    return undefined;
  }

  /** A hook some usable plugin declared, by its full name. */
  declaredHook(name: string): DeclaredHook | undefined {
    return this.hookList.get(name);
  }

  /** Every declared hook, in precedence order. */
  declaredHooks(): DeclaredHook[] {
    return [...this.hookList.values()];
  }

  /** Config schema fragments of usable plugins, for config validation and `config schema`. */
  fragments(): ConfigFragment[] {
    const result: ConfigFragment[] = [];
    for (const record of this.byName.values()) {
      const schema = this.schemas.get(record.name);
      if (record.state === 'failed' || typeof schema !== 'object' || !record.configSchemaPath) continue;
      const owned = (kind: ProvidedKind) =>
        (record.manifest.provides?.[MANIFEST_KEY[kind]] ?? []).map((item) => item.name).filter((name) => this.providerOf(kind, name) === record);
      result.push({
        plugin: record.name,
        schemaPath: record.configSchemaPath,
        schema,
        serverTypes: owned('serverType'),
        transports: owned('transport'),
        clientAuth: owned('clientAuth'),
        verifiers: owned('verifier'),
      });
    }
    return result;
  }
}

/**
 * The first segments of the kernel's hook paths, which no plugin may declare
 * hooks under. Kept here, not read from the hook table, so discovery does not
 * load the table; kernel/test/hooks/hook-table.test.ts keeps the two equal.
 */
export const KERNEL_HOOK_NAMESPACES: readonly string[] = Object.freeze(['config', 'serverType', 'transport', 'auth', 'health', 'session', 'commands', 'lifecycle']);

/**
 * A plugin's hook namespace: its package name without the scope and a
 * leading `mcpctl-plugin-` or `plugin-` (`@mcpctl/plugin-gateway` → `gateway`,
 * `mcpctl-plugin-audit` → `audit`, `@acme/rate-limit` → `rate-limit`).
 */
export function hookNamespace(pluginName: string): string {
  const bare = pluginName.includes('/') ? pluginName.slice(pluginName.indexOf('/') + 1) : pluginName;
  return bare.replace(/^mcpctl-plugin-/, '').replace(/^plugin-/, '');
}

/** Why a declared hook cannot be created (a wrong namespace, or a kernel one), or undefined when it is fine. */
export function declaredHookProblem(pluginName: string, hook: ProvidedHook): errors.McpctlError | undefined {
  const namespace = hook.name.slice(0, hook.name.indexOf('.'));
  const own = hookNamespace(pluginName);
  if (KERNEL_HOOK_NAMESPACES.includes(namespace) || namespace !== own) return errors.PLUGIN_HOOK_NAMESPACE(pluginName, hook.name, own);
  return undefined;
}

/**
 * Discovery problems are counted in --help and detailed by `plugins doctor`;
 * a command that needs the broken plugin fails with PROVIDER_UNAVAILABLE.
 */
export function logProblem(logger: Logger, problem: PluginProblem): void {
  const log = problem.severity === 'error' ? logger.info : logger.debug;
  log.call(logger, { code: problem.code, plugin: problem.plugin, path: problem.path }, `${problem.message}${problem.hint ? ` — ${problem.hint}` : ''}`);
}
