import * as errors from '../errors.js';
import type { JsonSchema } from '../interfaces/json-schema.js';
import type { EagerHookName, ProvidedCommand } from '../interfaces/manifest.js';
import type { PluginProblem, PluginRecord } from '../interfaces/plugin.js';
import type { PluginCatalog } from '../interfaces/services.js';
import type { DiscoveryResult } from './discover.js';

export type ProvidedKind = 'serverType' | 'transport' | 'authMethod';

/** A command path from a manifest, with the plugin that owns it. */
export interface RoutedCommand extends ProvidedCommand {
  plugin: string;
}

const MANIFEST_KEY: Record<ProvidedKind, 'serverTypes' | 'transports' | 'authMethods'> = {
  serverType: 'serverTypes',
  transport: 'transports',
  authMethod: 'authMethods',
};

/**
 * What discovery found, indexed for routing: which plugin owns each command
 * path, server type, transport and auth method. Built from manifests only.
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

  /** Usable plugins that tap an un-keyed hook and so must load before it is called. */
  eagerFor(hook: EagerHookName): PluginRecord[] {
    return [...this.byName.values()].filter((record) => record.state !== 'failed' && record.manifest.provides?.hooks?.includes(hook));
  }

  /** Config schema fragments of usable plugins, for config validation and `config schema`. */
  fragments(): Array<{ plugin: string; schemaPath: string; schema: { [keyword: string]: unknown }; serverTypes: string[]; transports: string[]; authMethods: string[] }> {
    const result = [];
    for (const record of this.byName.values()) {
      const schema = this.schemas.get(record.name);
      if (record.state === 'failed' || typeof schema !== 'object' || !record.configSchemaPath) continue;
      const owned = (kind: ProvidedKind) =>
        (record.manifest.provides?.[MANIFEST_KEY[kind]] ?? []).map((item) => item.name).filter((name) => this.providerOf(kind, name) === record);
      result.push({ plugin: record.name, schemaPath: record.configSchemaPath, schema, serverTypes: owned('serverType'), transports: owned('transport'), authMethods: owned('authMethod') });
    }
    return result;
  }
}
