import type { ServerEntry, ServerLifecycleEvent } from '@mcpctl/kernel';
import type { ExitInfo } from '@mcpctl/toolkit/process';
import { SERVER_FAILED, SERVER_NOT_RUNNING } from '../errors.js';
import { serverLogPath } from '../paths.js';
import { CrashBreaker } from './breaker.js';
import { formatDuration } from './duration.js';
import { afterExit } from './exit-policy.js';
import { connectInstance, describeExitInfo, messageOf, spawnInstance, type Instance, type InstanceOptions } from './instance.js';
import type { LaunchPlan } from './launch-plan.js';
import type { SuperviseOptions } from './options.js';
import { ReadyWaiters } from './ready-waiters.js';
import { RotatingLog } from './rotating-log.js';
import { toSnapshot } from './unit-snapshot.js';
import type { HealthState, UnitHost, UnitSnapshot, UnitState } from './unit-types.js';
import type { SessionInfo, WarmRequestOptions, WarmSession } from './warm-session.js';

export type { HealthState, UnitHost, UnitSnapshot, UnitState } from './unit-types.js';

type StopIntent = 'stop' | 'restart' | 'idle' | 'shutdown';

/**
 * Supervises one configured server: runs it (spawned child in its own
 * process group, or a connection to a server mcpctl does not run), keeps an
 * initialized MCP session to it, pings it, restarts it per policy with
 * backoff, opens the crash-loop breaker, and starts/stops it lazily.
 */
export class ServerUnit {
  state: UnitState = 'stopped';
  wanted = false;
  /** `servers enable|disable` override; undefined: the entry's `supervise.enabled`. */
  enabledOverride: boolean | undefined;
  pid: number | undefined;
  restarts = 0;
  calls = 0;
  readonly log: RotatingLog | undefined;

  private current: Instance | undefined;
  private session: WarmSession | undefined;
  private startedAt: number | undefined;
  private readyAt: number | undefined;
  private lastExit: ExitInfo | undefined;
  private failure: { reason: string; lastLines: string[]; at: number } | undefined;
  private health: HealthState = 'unknown';
  private healthFailures = 0;
  private lastHealth: { at: number; ms?: number; error?: string } | undefined;
  private attempt = 0;
  private nextRestartAt: number | undefined;
  private lastBackoffMs: number | undefined;
  private stopIntent: StopIntent | undefined;
  private inFlight = 0;
  private lastActivity = Date.now();
  private readonly waiters = new ReadyWaiters();
  private readonly breaker: CrashBreaker;
  private restartTimer: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    readonly entry: ServerEntry,
    readonly options: SuperviseOptions,
    readonly plan: LaunchPlan,
    private readonly host: UnitHost,
  ) {
    this.breaker = new CrashBreaker(options.breaker);
    if (plan.kind === 'spawn') this.log = new RotatingLog(serverLogPath(host.logDir, name), host.logOptions);
  }

  get enabled(): boolean {
    return this.enabledOverride ?? this.options.enabled;
  }

  /** `servers enable|disable`: whether it starts with the daemon (persisted). */
  setEnabled(enabled: boolean): void {
    this.enabledOverride = enabled;
    this.host.changed(this);
  }

  /** The child's pid while one runs (for reaping after a daemon crash). */
  get childPid(): number | undefined {
    return this.plan.kind === 'spawn' ? this.pid : undefined;
  }

  /**
   * Make the server wanted and run it. With `boot`, a lazy server only
   * becomes idle (it starts on its first call). Clears a failed breaker.
   * Resolves when it is running (or, for a lazy boot, idle); rejects when
   * it could not start.
   */
  async start(options: { boot?: boolean } = {}): Promise<void> {
    this.want();
    if (this.state === 'running') return;
    if (this.state === 'starting' || this.state === 'stopping') {
      await this.waitReady();
      return;
    }
    this.clearRestartTimer();
    if (options.boot && this.options.start === 'lazy') {
      this.setState('idle');
      return;
    }
    await this.launchAndWait();
  }

  /** Stop the server and mark it not wanted. */
  async stop(): Promise<void> {
    this.wanted = false;
    this.host.changed(this);
    this.clearRestartTimer();
    await this.bringDown('stop', 'stopped by request');
    this.setState('stopped');
    this.rejectWaiters(SERVER_NOT_RUNNING(this.name, 'it was stopped'));
  }

  /** Stop and start again (wanted afterwards). */
  async restart(): Promise<void> {
    this.want();
    this.clearRestartTimer();
    await this.bringDown('restart', 'restart requested');
    await this.launchAndWait();
  }

  /** The daemon is stopping: end the server, keep its desired state as it is. */
  async shutdown(): Promise<void> {
    this.clearRestartTimer();
    await this.bringDown('shutdown', 'daemon shutting down');
    this.setState('stopped');
    this.rejectWaiters(SERVER_NOT_RUNNING(this.name, 'the daemon is shutting down'));
    this.log?.close();
  }

  /** An initialized session, starting the server first when it is idle (lazy start). */
  async acquire(signal?: AbortSignal): Promise<WarmSession> {
    switch (this.state) {
      case 'running':
        return this.session!;
      case 'idle':
        return this.launchAndWait(signal);
      case 'exited':
        if (this.wanted && this.options.start === 'lazy') {
          return this.launchAndWait(signal);
        }
        throw SERVER_NOT_RUNNING(this.name, this.describeExit());
      case 'starting':
      case 'backoff':
        return this.waitReady(signal);
      case 'stopping':
        if (this.wanted) return this.waitReady(signal);
        throw SERVER_NOT_RUNNING(this.name, 'it is stopping');
      case 'failed':
        throw SERVER_FAILED(this.name, this.failure?.reason ?? 'unknown reason', { details: { lastLines: this.failure?.lastLines ?? [] } });
      case 'stopped':
        throw SERVER_NOT_RUNNING(this.name, 'it is stopped');
    }
  }

  /** Forward one MCP request over the warm session (starting a lazy server first). */
  async request(method: string, params: Record<string, unknown> | undefined, options: WarmRequestOptions = {}): Promise<unknown> {
    this.inFlight++;
    this.lastActivity = Date.now();
    const started = performance.now();
    let ok = false;
    try {
      const session = await this.acquire(options.signal);
      const result = await session.request(method, params, options);
      ok = true;
      return result;
    } finally {
      this.inFlight--;
      this.calls++;
      this.lastActivity = Date.now();
      this.host.observer.onCall?.(this.name, method, (performance.now() - started) / 1000, ok);
      this.scheduleIdle();
    }
  }

  /** Ping now (the `health` passthrough); does not change supervision. */
  async ping(timeoutMs: number, signal?: AbortSignal): Promise<{ ms: number }> {
    const session = await this.acquire(signal);
    const started = performance.now();
    await session.ping(timeoutMs);
    return { ms: Math.round((performance.now() - started) * 10) / 10 };
  }

  /** Session identity, starting a lazy server first. */
  async describe(signal?: AbortSignal): Promise<SessionInfo> {
    return (await this.acquire(signal)).info;
  }

  snapshot(): UnitSnapshot {
    return toSnapshot({
      name: this.name,
      entry: this.entry,
      plan: this.plan,
      options: this.options,
      state: this.state,
      wanted: this.wanted,
      enabled: this.enabled,
      pid: this.pid,
      startedAt: this.startedAt,
      restarts: this.restarts,
      lastExit: this.lastExit,
      health: this.health,
      lastHealth: this.lastHealth,
      nextRestartAt: this.nextRestartAt,
      lastBackoffMs: this.lastBackoffMs,
      failure: this.failure,
      logPath: this.log?.path,
      calls: this.calls,
      inFlight: this.inFlight,
      session: this.session?.info,
    });
  }

  // ------------------------------------------------------------------ internals

  /** Wanted from now on, with a clean slate: no failure, breaker closed, backoff from the start. */
  private want(): void {
    this.wanted = true;
    this.failure = undefined;
    this.breaker.reset();
    this.attempt = 0;
    this.host.changed(this);
  }

  private async launch(): Promise<void> {
    if (this.state === 'starting' || this.state === 'running') return;
    this.clearRestartTimer();
    if (this.plan.kind === 'invalid') {
      // Its entry cannot be launched: failed without running.
      this.failure = { reason: this.plan.reason, lastLines: [], at: Date.now() };
      this.setState('failed');
      this.rejectWaiters(SERVER_FAILED(this.name, this.plan.reason));
      return;
    }
    this.setState('starting');
    this.startedAt = Date.now();
    this.readyAt = undefined;
    this.health = 'unknown';
    this.healthFailures = 0;
    this.fire('serverStarting', this.event());
    const instance = this.plan.kind === 'spawn' ? spawnInstance(this.plan.spec, this.log!, this.instanceOptions()) : connectInstance(this.entry, this.host.connect, this.instanceOptions());
    this.current = instance;
    this.pid = instance.pid;
    this.host.changed(this);
    void instance.exited.then((info) => this.handleExit(instance, info));
    let session: WarmSession;
    try {
      session = await instance.ready;
    } catch (error) {
      if (this.current === instance) void instance.stop(this.options.stopTimeoutMs, `initialize failed: ${messageOf(error)}`);
      return;
    }
    // Stopped (or being stopped) while it initialized: do not pretend it runs.
    if (this.current !== instance || this.stopIntent) {
      await session.close();
      return;
    }
    this.session = session;
    this.readyAt = Date.now();
    this.health = 'ok';
    this.lastActivity = Date.now();
    this.setState('running');
    this.log?.note(`ready (pid ${this.pid ?? '-'}, ${session.info.serverInfo.name} ${session.info.serverInfo.version}, protocol ${session.info.protocolVersion})`);
    this.fire('serverReady', this.event());
    this.scheduleHealth();
    this.scheduleIdle();
    this.waiters.resolveAll(session);
  }

  private instanceOptions(): InstanceOptions {
    return { name: this.name, startTimeoutMs: this.options.startTimeoutMs, clientVersion: this.host.clientVersion, logger: this.host.logger };
  }

  private handleExit(instance: Instance, info: ExitInfo): void {
    if (instance !== this.current) return;
    this.current = undefined;
    const session = this.session;
    this.session = undefined;
    void session?.close();
    this.clearTimer('healthTimer');
    this.clearTimer('idleTimer');
    const exitedEvent: ServerLifecycleEvent = { ...this.event(), exitCode: info.code, signal: info.signal, ...(info.reason ? { reason: info.reason } : {}) };
    this.pid = undefined;
    this.lastExit = info;
    this.host.changed(this);
    this.log?.note(`exited (${describeExitInfo(info)})`);
    this.fire('serverExited', exitedEvent);
    // A deliberate stop: the caller of bringDown sets the next state.
    if (this.stopIntent) return;

    const now = Date.now();
    const decision = afterExit({ info, wanted: this.wanted, options: this.options, breaker: this.breaker, attempt: this.attempt, readyAt: this.readyAt, now, random: this.host.random });
    if (decision.next === 'stopped') {
      this.setState('stopped');
      return;
    }
    if (decision.next === 'exited') {
      this.setState('exited');
      this.rejectWaiters(SERVER_NOT_RUNNING(this.name, this.describeExit()));
      return;
    }
    if (decision.next === 'failed') {
      const { reason } = decision;
      this.failure = { reason, lastLines: this.log?.lastLines(20) ?? [], at: now };
      this.log?.note(`crash-loop breaker open: ${reason}`);
      this.host.logger.warn({ server: this.name }, `server failed: ${reason}`);
      this.setState('failed');
      this.rejectWaiters(SERVER_FAILED(this.name, reason, { details: { lastLines: this.failure.lastLines } }));
      return;
    }
    this.attempt = decision.attempt;
    const delay = decision.delayMs;
    this.lastBackoffMs = delay;
    this.nextRestartAt = now + delay;
    this.setState('backoff');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.restarts++;
      this.host.observer.onRestart?.(this.name);
      void this.launch();
    }, delay);
  }

  private async bringDown(intent: StopIntent, reason: string): Promise<void> {
    this.clearTimer('healthTimer');
    this.clearTimer('idleTimer');
    const instance = this.current;
    if (!instance) return;
    this.stopIntent = intent;
    this.setState('stopping');
    try {
      await instance.stop(this.options.stopTimeoutMs, reason);
    } finally {
      this.stopIntent = undefined;
    }
  }

  private scheduleHealth(): void {
    this.clearTimer('healthTimer');
    if (this.options.health.intervalMs <= 0) return;
    this.healthTimer = setTimeout(() => void this.checkHealth(), this.options.health.intervalMs);
  }

  private async checkHealth(): Promise<void> {
    this.healthTimer = undefined;
    const instance = this.current;
    const session = this.session;
    if (!instance || !session || this.state !== 'running') return;
    const started = performance.now();
    try {
      await session.ping(this.options.health.timeoutMs);
      this.healthFailures = 0;
      this.health = 'ok';
      this.lastHealth = { at: Date.now(), ms: Math.round(performance.now() - started) };
    } catch (error) {
      if (this.current !== instance) return;
      this.healthFailures++;
      this.lastHealth = { at: Date.now(), error: messageOf(error) };
      if (this.healthFailures >= this.options.health.failures) {
        this.health = 'failing';
        const reason = `health check failed ${this.healthFailures} times in a row: ${messageOf(error)}`;
        this.log?.note(reason);
        this.host.logger.warn({ server: this.name }, reason);
        void instance.stop(this.options.stopTimeoutMs, reason);
        return;
      }
    }
    if (this.current === instance && this.state === 'running') this.scheduleHealth();
  }

  private scheduleIdle(): void {
    this.clearTimer('idleTimer');
    if (this.options.idleTimeoutMs <= 0 || this.state !== 'running') return;
    const due = Math.max(0, this.lastActivity + this.options.idleTimeoutMs - Date.now());
    this.idleTimer = setTimeout(() => void this.checkIdle(), due);
  }

  private async checkIdle(): Promise<void> {
    this.idleTimer = undefined;
    if (this.state !== 'running' || this.inFlight > 0) return;
    if (Date.now() - this.lastActivity < this.options.idleTimeoutMs) {
      this.scheduleIdle();
      return;
    }
    this.log?.note(`idle for ${formatDuration(this.options.idleTimeoutMs)}: stopping (starts again on the next call)`);
    await this.bringDown('idle', 'idle timeout');
    if (!this.wanted) return;
    this.setState('idle');
    // Calls that arrived while it was stopping start it again.
    if (this.waiters.size > 0) void this.launch();
  }

  /** Register as a waiter first, then launch: a launch that fails at once still reaches us. */
  private launchAndWait(signal?: AbortSignal): Promise<WarmSession> {
    const ready = this.waitReady(signal);
    void this.launch();
    return ready;
  }

  private waitReady(signal?: AbortSignal): Promise<WarmSession> {
    return this.waiters.wait(signal);
  }

  private rejectWaiters(error: unknown): void {
    this.waiters.rejectAll(error);
  }

  private setState(state: UnitState): void {
    if (this.state === state) return;
    this.state = state;
    this.host.observer.onState?.(this.name, state);
  }

  private describeExit(): string {
    return this.lastExit ? `it exited (${describeExitInfo(this.lastExit)}) and its restart policy is ${this.options.restart}` : `it is ${this.state}`;
  }

  private event(): ServerLifecycleEvent {
    return { name: this.name, entry: this.entry, ...(this.pid !== undefined ? { pid: this.pid } : {}) };
  }

  private fire(hook: 'serverStarting' | 'serverReady' | 'serverExited', event: ServerLifecycleEvent): void {
    this.host.lifecycle[hook](event).catch((error: unknown) => this.host.logger.warn({ server: this.name, hook, err: error }, `lifecycle hook ${hook} failed`));
  }

  private clearRestartTimer(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.nextRestartAt = undefined;
  }

  private clearTimer(which: 'healthTimer' | 'idleTimer'): void {
    const timer = this[which];
    if (timer) clearTimeout(timer);
    this[which] = undefined;
  }
}
