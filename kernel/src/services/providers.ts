import { dirname } from 'node:path';
import * as errors from '../errors.js';
import type { AuthVerifier, ClientAuth } from '../interfaces/auth.js';
import type { AuthConfig, ServerEntry } from '../interfaces/config.js';
import type { KernelHooks } from '../interfaces/hooks.js';
import type { Logger } from '../interfaces/logger.js';
import type { McpServerLike, McpTransport } from '../interfaces/mcp.js';
import type { Catalog, ProvidedKind } from '../plugins/catalog.js';
import type { KnownProviders } from '../config/types.js';
import { installHint, withPluginHint } from '../plugins/hints.js';
import type { PluginLoader } from './plugin-loader.js';

export interface ProvidersOptions {
  catalog: Catalog;
  loader: PluginLoader;
  logger: Logger;
  knownProviders: KnownProviders;
  /** Refuse to spawn, connect to or build servers in this process (see KernelOptions.sessionsOnly). */
  sessionsOnly: boolean;
  configFile: string | undefined;
  cwd: string;
}

const LABELS: Record<ProvidedKind, string> = { serverType: 'Server type', transport: 'Transport', clientAuth: 'Client auth method', verifier: 'Verifier' };

/**
 * The keyed hooks, called on behalf of commands: each finds the plugin that
 * provides the name (manifest data), loads it, and calls its tap.
 */
export class Providers {
  constructor(private readonly options: ProvidersOptions) {}

  isServerType(type: string): boolean {
    const { catalog } = this.options;
    return catalog.providerOf('serverType', type) !== undefined || catalog.failedProviderOf('serverType', type) !== undefined;
  }

  async createTransport(transport: string, entry: ServerEntry, options: { name?: string; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<McpTransport> {
    if (this.options.sessionsOnly) throw errors.HOSTED_DECLINED(`a ${transport} connection to ${options.name ?? 'a server'} would be opened by the runner's process`);
    const hooks = await this.provider('transport', transport);
    const built = await hooks.transport.for(transport).promise(
      { name: options.name, transport, entry, timeoutMs: options.timeoutMs },
      { logger: this.options.logger.child({ transport }), signal: options.signal, clientAuth: (auth, serverName) => this.clientAuth(auth, serverName) },
    );
    if (!built) throw errors.PROVIDER_DECLINED('transport', transport);
    return built;
  }

  async clientAuth(auth: AuthConfig, serverName?: string): Promise<ClientAuth> {
    const hooks = await this.provider('clientAuth', auth.method);
    const built = await hooks.auth.client.for(auth.method).promise({ config: auth, serverName }, { logger: this.options.logger.child({ auth: auth.method }) });
    if (!built) throw errors.PROVIDER_DECLINED('client credential', auth.method);
    return built;
  }

  async authVerifier(auth: AuthConfig, options: { serverName?: string; endpointPath: string }): Promise<AuthVerifier> {
    const hooks = await this.provider('verifier', auth.method);
    const request = { config: auth, endpointPath: options.endpointPath, ...(options.serverName ? { serverName: options.serverName } : {}) };
    const built = await hooks.auth.verifier.for(auth.method).promise(request, { logger: this.options.logger.child({ verifier: auth.method }) });
    if (!built) throw errors.PROVIDER_DECLINED('credential verifier', auth.method);
    return built;
  }

  async buildServer(name: string, entry: ServerEntry, options: { signal?: AbortSignal; baseDir?: string } = {}): Promise<McpServerLike> {
    if (this.options.sessionsOnly) throw errors.HOSTED_DECLINED(`server ${name} (${entry.type}) would run inside the runner's process`);
    const hooks = await this.provider('serverType', entry.type);
    const baseDir = options.baseDir ?? (this.options.configFile ? dirname(this.options.configFile) : this.options.cwd);
    const built = await hooks.serverType.for(entry.type).promise({ name, entry }, { logger: this.options.logger.child({ server: name }), signal: options.signal, baseDir });
    if (!built) throw errors.PROVIDER_DECLINED('server', entry.type);
    return built;
  }

  /** The plugin that provides `name`, loaded; or a coded error that says what is known (with plugins' hints). */
  private async provider(kind: ProvidedKind, name: string): Promise<KernelHooks> {
    try {
      return await this.loadProvider(kind, name);
    } catch (error) {
      throw withPluginHint(this.options.catalog, error);
    }
  }

  private async loadProvider(kind: ProvidedKind, name: string): Promise<KernelHooks> {
    const { catalog, loader, knownProviders } = this.options;
    const record = catalog.providerOf(kind, name);
    if (!record) {
      const failed = catalog.failedProviderOf(kind, name);
      if (failed) throw errors.PROVIDER_UNAVAILABLE(LABELS[kind], name, failed.name);
      const known = catalog.names(kind).join(', ') || '(none)';
      const packageName = knownProviders[name];
      const install = packageName ? { hint: `"${name}" is provided by ${packageName}; ${installHint(catalog, packageName)}.` } : {};
      if (kind === 'serverType') throw errors.UNKNOWN_SERVER_TYPE(name, known, install);
      if (kind === 'transport') throw errors.UNKNOWN_TRANSPORT(name, known, install);
      if (kind === 'verifier') throw errors.UNKNOWN_VERIFIER(name, known, install);
      throw errors.UNKNOWN_AUTH_METHOD(name, known, install);
    }
    if (!(await loader.ensureLoaded(record))) throw errors.PROVIDER_UNAVAILABLE(LABELS[kind], name, record.name);
    return loader.hooks();
  }
}
