import { isDeepStrictEqual } from 'node:util';
import type { Logger, McpTransport, ServerEntry } from '@mcpctl/kernel';
import { SERVER_NOT_SUPERVISED } from '../errors.js';
import { identify, isAlive, pidRunning, type ProcessIdentity } from '../process-identity.js';
import { saveState, type DaemonState } from '../state/state-file.js';
import { groupExists, killGroup } from '@mcpctl/toolkit/process';
import { planLaunch, type LaunchContext, type LaunchPlan } from './launch-plan.js';
import type { LifecycleSink, SupervisorObserver } from './observer.js';
import { resolveSupervise, type DaemonSettings, type SuperviseOptions } from './options.js';
import { DEFAULT_LOG_OPTIONS } from './rotating-log.js';
import { ServerUnit, type UnitSnapshot } from './server-unit.js';

/** The part of the config the supervisor acts on. */
export interface SupervisedConfig {
  servers: Record<string, ServerEntry>;
  settings: DaemonSettings;
  launch: LaunchContext;
}

export interface SupervisorOptions {
  logDir: string;
  stateFile: string;
  clientVersion: string;
  connect?: (name: string, entry: ServerEntry, timeoutMs: number) => Promise<McpTransport>;
  lifecycle: LifecycleSink;
  observer: SupervisorObserver;
  logger: Logger;
  random?: () => number;
}

export interface ReloadResult {
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: string[];
}

interface UnitSpec {
  entry: ServerEntry;
  options: SuperviseOptions;
  plan: LaunchPlan;
}

/**
 * The set of supervised servers: builds a unit per configured server,
 * restores desired state, applies config reloads as a diff and persists
 * which servers should run (atomically, after every change).
 */
export class Supervisor {
  private readonly units = new Map<string, ServerUnit>();
  private state: DaemonState;
  private dirty = false;
  private writing: Promise<void> | undefined;
  private settings: DaemonSettings = {};

  constructor(
    private readonly options: SupervisorOptions,
    initialState: DaemonState,
  ) {
    this.state = structuredClone(initialState);
  }

  /**
   * Build units for `config` and start the ones that should run. With
   * `restore` (the previous daemon did not shut down cleanly) the persisted
   * `wanted` flags decide; otherwise each server's enabled flag does.
   * Children a crashed daemon left behind are reaped first.
   */
  async boot(config: SupervisedConfig, restore: boolean): Promise<void> {
    await this.reapLeftovers();
    const specs = this.buildSpecs(config);
    this.settings = config.settings;
    for (const [name, spec] of specs) {
      const unit = this.createUnit(name, spec);
      const saved = this.state.servers[name];
      unit.enabledOverride = saved?.enabled;
      const wanted = restore && saved ? saved.wanted : unit.enabled;
      if (wanted) this.startInBackground(unit);
    }
    // Forget servers that are no longer configured.
    for (const name of Object.keys(this.state.servers)) if (!specs.has(name)) delete this.state.servers[name];
    this.state.shutdown = 'running';
    this.markDirty();
    await this.flush();
  }

  list(): UnitSnapshot[] {
    return [...this.units.values()].map((unit) => unit.snapshot());
  }

  names(): string[] {
    return [...this.units.keys()];
  }

  get(name: string): ServerUnit {
    const unit = this.units.get(name);
    if (!unit) throw SERVER_NOT_SUPERVISED(name, this.units.size ? [...this.units.keys()].join(', ') : '(none)');
    return unit;
  }

  get logSettings(): { maxBytes: number; files: number } {
    return { ...DEFAULT_LOG_OPTIONS, ...this.settings.logs };
  }

  /**
   * Apply a new config as a diff: start added servers, stop removed ones,
   * restart changed ones, leave the rest untouched. Every entry is checked
   * before anything changes, so an invalid config leaves the running set as
   * it was (the error is thrown).
   */
  async reload(config: SupervisedConfig): Promise<ReloadResult> {
    const specs = this.buildSpecs(config);
    this.settings = config.settings;
    const result: ReloadResult = { added: [], removed: [], changed: [], unchanged: [] };
    const work: Promise<void>[] = [];
    for (const [name, unit] of this.units) {
      if (specs.has(name)) continue;
      result.removed.push(name);
      this.units.delete(name);
      delete this.state.servers[name];
      work.push(unit.shutdown());
    }
    for (const [name, spec] of specs) {
      const existing = this.units.get(name);
      if (!existing) {
        result.added.push(name);
        const unit = this.createUnit(name, spec);
        if (unit.enabled) this.startInBackground(unit);
        continue;
      }
      if (isDeepStrictEqual(existing.entry, spec.entry) && isDeepStrictEqual(existing.options, spec.options) && isDeepStrictEqual(existing.plan, spec.plan)) {
        result.unchanged.push(name);
        continue;
      }
      result.changed.push(name);
      const wanted = existing.wanted;
      const enabledOverride = existing.enabledOverride;
      work.push(
        existing.shutdown().then(() => {
          const unit = this.createUnit(name, spec);
          unit.enabledOverride = enabledOverride;
          // As at boot: a lazy server waits for its first call again.
          if (wanted) this.startInBackground(unit);
        }),
      );
    }
    await Promise.all(work);
    this.markDirty();
    await this.flush();
    return result;
  }

  /** Stop every server (desired state kept) and record a clean shutdown. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.units.values()].map((unit) => unit.shutdown()));
    this.state.shutdown = 'clean';
    this.markDirty();
    await this.flush();
  }

  /** Wait until the state file reflects every change so far. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private buildSpecs(config: SupervisedConfig): Map<string, UnitSpec> {
    const specs = new Map<string, UnitSpec>();
    for (const [name, entry] of Object.entries(config.servers)) {
      const options = resolveSupervise(name, entry, config.settings);
      let plan: LaunchPlan;
      try {
        plan = planLaunch(name, entry, config.launch);
      } catch (error) {
        plan = { kind: 'invalid', reason: error instanceof Error ? error.message : String(error) };
      }
      specs.set(name, { entry, options, plan });
    }
    return specs;
  }

  private createUnit(name: string, spec: UnitSpec): ServerUnit {
    const unit = new ServerUnit(name, spec.entry, spec.options, spec.plan, {
      logDir: this.options.logDir,
      logOptions: this.logSettings,
      clientVersion: this.options.clientVersion,
      ...(this.options.connect ? { connect: this.options.connect } : {}),
      lifecycle: this.options.lifecycle,
      observer: this.options.observer,
      logger: this.options.logger,
      ...(this.options.random ? { random: this.options.random } : {}),
      changed: (changedUnit) => {
        if (this.units.get(changedUnit.name) === changedUnit) this.markDirty();
      },
    });
    this.units.set(name, unit);
    return unit;
  }

  /** Start as at boot: a lazy server only becomes idle. */
  private startInBackground(unit: ServerUnit): void {
    unit.start({ boot: true }).catch((error: unknown) => {
      this.options.logger.warn({ server: unit.name, err: error }, `server ${unit.name} did not start`);
    });
  }

  private markDirty(): void {
    this.dirty = true;
    if (!this.writing) this.writing = this.writeLoop();
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        for (const [name, unit] of this.units) {
          const pid = unit.childPid;
          this.state.servers[name] = {
            wanted: unit.wanted,
            ...(unit.enabledOverride !== undefined ? { enabled: unit.enabledOverride } : {}),
            ...(pid !== undefined ? { child: identify(pid) } : {}),
          };
        }
        try {
          await saveState(this.options.stateFile, this.state);
        } catch (error) {
          this.options.logger.error({ err: error }, `could not write the daemon state file ${this.options.stateFile}`);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  /** Kill the process groups of children recorded by a daemon that died without stopping them. */
  private async reapLeftovers(): Promise<void> {
    const leftovers: ProcessIdentity[] = [];
    for (const saved of Object.values(this.state.servers)) {
      // The leader itself, or its group outliving it: a pid is never handed out while it names a live group.
      if (saved.child && (isAlive(saved.child) || (!pidRunning(saved.child.pid) && groupExists(saved.child.pid)))) leftovers.push(saved.child);
      delete saved.child;
    }
    if (leftovers.length === 0) return;
    this.options.logger.warn({ pids: leftovers.map((child) => child.pid) }, 'stopping servers left running by a previous daemon');
    for (const child of leftovers) killGroup(child.pid, 'SIGTERM');
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && leftovers.some((child) => groupExists(child.pid))) await new Promise((resolve) => setTimeout(resolve, 50));
    for (const child of leftovers) killGroup(child.pid, 'SIGKILL');
  }
}
