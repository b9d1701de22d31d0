import type { HealthCheckResult, HealthSubject } from '../interfaces/health.js';
import type { Logger } from '../interfaces/logger.js';
import type { ClientSession, SessionRequest } from '../interfaces/mcp.js';
import type { ServerLifecycleEvent } from '../interfaces/server.js';
import type { Catalog } from '../plugins/catalog.js';
import { HOOK_TABLE } from '../hooks/hook-table.js';
import type { PluginLoader } from './plugin-loader.js';

type LifecycleEventName = 'serverStarting' | 'serverReady' | 'serverExited';

/**
 * The un-keyed hooks a command calls for plugins that asked to hear them
 * (manifest `taps`): the session offer, health checks and lifecycle events.
 * Each returns at once when no plugin taps it, without creating hooks.
 */
export class Observers {
  constructor(private readonly catalog: Catalog, private readonly loader: PluginLoader, private readonly logger: Logger, private readonly env: NodeJS.ProcessEnv) {}

  async offeredSession(request: SessionRequest): Promise<ClientSession | undefined> {
    if (this.catalog.eagerFor('session').length === 0) return undefined;
    const hooks = await this.loader.loadEager('session');
    return (await hooks.session.promise(request)) ?? undefined;
  }

  async runHealthChecks(subject: HealthSubject, options: { timeoutMs?: number } = {}): Promise<HealthCheckResult[]> {
    if (this.catalog.eagerFor('health').length === 0) return [];
    const hooks = await this.loader.loadEager('health');
    const results: HealthCheckResult[] = [];
    const { policyFor } = await import('../hooks/hook-policies.js');
    const deadline = options.timeoutMs ?? policyFor('health', this.env).timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadline);
    });
    await Promise.race([hooks.health.promise(subject, (result) => results.push(result)), expired]);
    clearTimeout(timer);
    return results;
  }

  readonly lifecycle = {
    serverStarting: (event: ServerLifecycleEvent) => this.fire('serverStarting', event),
    serverReady: (event: ServerLifecycleEvent) => this.fire('serverReady', event),
    serverExited: (event: ServerLifecycleEvent) => this.fire('serverExited', event),
    shutdown: async () => {
      const hooks = this.loader.created;
      if (hooks) await hooks.lifecycle.shutdown.promise();
    },
  };

  private async fire(name: LifecycleEventName, event: ServerLifecycleEvent): Promise<void> {
    // Every lifecycle hook shares one `taps` name ("lifecycle") in the table.
    const eager = HOOK_TABLE.lifecycle[name].eager ?? 'lifecycle';
    if (this.catalog.eagerFor(eager).length === 0 && !this.loader.created) return;
    const hooks = await this.loader.loadEager(eager);
    try {
      await hooks.lifecycle[name].promise(event);
    } catch (error) {
      // Observers must not break the server they observe.
      this.logger.warn({ err: error }, `lifecycle.${name} tap failed`);
    }
  }
}
