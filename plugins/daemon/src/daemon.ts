import { mkdir } from 'node:fs/promises';
import type { Logger, McpTransport, RunInvocation, ServerEntry } from '@mcpctl/kernel';
import { DAEMON_SOCKET_PATH_TOO_LONG, DAEMON_STATE_MOVED_ASIDE } from './errors.js';
import { createHandlers } from './handlers.js';
import { acquireLock, type HeldLock } from './lock-file.js';
import type { MetricsEndpoint } from './metrics.js';
import { MAX_SOCKET_PATH, type DaemonPaths } from './paths.js';
import { DAEMON_PROTOCOL_VERSION, EXEC_METHOD } from './rpc/protocol.js';
import { listenRpc, type RpcServer } from './rpc/server.js';
import { createExecHandler, type ExecCounts } from './exec-handler.js';
import { ensurePrivateDir } from './secure-dir.js';
import { loadState } from './state/state-file.js';
import type { LaunchContext } from './supervisor/launch-plan.js';
import { NO_LIFECYCLE, type LifecycleSink, type SupervisorObserver } from './supervisor/observer.js';
import type { DaemonSettings } from './supervisor/options.js';
import { Supervisor, type ReloadResult } from './supervisor/supervisor.js';
import { offerWarmSession } from './warm-sessions.js';

/** The config as the daemon needs it; produced fresh on every load (start and reload). */
export interface DaemonConfig {
  servers: Record<string, ServerEntry>;
  settings: DaemonSettings;
  /** The config file (passed to `mcpctl serve` for hosted server types). */
  filepath?: string;
  profile?: string;
  /** Directory relative paths resolve against. */
  baseDir: string;
  /**
   * The server types plugins provided to the process that loaded this
   * config. A reload loads it in a fresh process, which sees plugins
   * installed since the daemon started: their server types run as
   * `mcpctl serve <name>` (a fresh process too) like any other.
   */
  serverTypes?: string[];
}

export interface DaemonOptions {
  paths: DaemonPaths;
  /** mcpctl's version (reported by `daemon status`, sent as the MCP client version). */
  version: string;
  /**
   * Load and validate the config from disk (not cached): called at start
   * without a path, and on every reload with the file to read (the one the
   * reload names, else the one the running config came from). Throws when invalid.
   */
  loadConfig(configPath?: string): Promise<DaemonConfig>;
  /** Whether a `type` is a server type mcpctl hosts (run as `mcpctl serve <name>`), for a config that lists no `serverTypes`. */
  isServerType(type: string): boolean;
  /** Whether `connect` can open this transport in the daemon's own process (default: any). */
  canConnect?(transport: string): boolean;
  /** How to run the CLI for `mcpctl serve <name>`. */
  cli?: { execPath: string; bin: string };
  /** Client transport for servers the daemon connects to but does not run (http, sse…). */
  connect?: (name: string, entry: ServerEntry, timeoutMs: number) => Promise<McpTransport>;
  lifecycle?: LifecycleSink;
  logger: Logger;
  /** Environment children inherit (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** SIGTERM/SIGINT stop the daemon (default false: the CLI turns them into its abort signal instead). */
  stopOnSignals?: boolean;
  /** SIGHUP reloads the config (default false). */
  reloadOnSighup?: boolean;
  /** Runs thin clients' invocations in this process (the `exec` method), offered its warm sessions; without it `exec` is not offered. */
  runInvocation?: RunInvocation;
  random?: () => number;
}

export interface RunningDaemon {
  readonly pid: number;
  readonly socket: string;
  readonly supervisor: Supervisor;
  /** The metrics URL when metrics are on. */
  readonly metricsUrl: string | undefined;
  /** Re-read the config (or the file at `configPath`) and apply it as a diff. */
  reload(configPath?: string): Promise<ReloadResult>;
  /** Stop every server, close the socket, release the lock. Idempotent. */
  stop(): Promise<void>;
  /** Resolves once the daemon has stopped (by `stop()`, `daemon.stop` or a signal). */
  readonly stopped: Promise<void>;
}

/**
 * Start the daemon in this process: take the per-user lock (cleaning a stale
 * one), restore desired state, start the servers that should run and answer
 * on the Unix socket. Throws MCPCTL_DAEMON_ALREADY_RUNNING when another
 * daemon holds the lock.
 */
export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { paths, logger } = options;
  if (Buffer.byteLength(paths.socket) > MAX_SOCKET_PATH) throw DAEMON_SOCKET_PATH_TOO_LONG(paths.socket);
  await ensurePrivateDir(paths.runtimeDir);
  await mkdir(paths.logDir, { recursive: true, mode: 0o700 });
  const lock: HeldLock = await acquireLock(paths.lock, paths.socket);
  const cleanups: Array<() => Promise<void>> = [() => lock.release()];
  const cleanup = async (): Promise<void> => {
    for (const step of cleanups.reverse()) await step().catch((error: unknown) => logger.warn({ err: error }, 'daemon cleanup step failed'));
  };
  try {
    const loaded = await loadState(paths.stateFile);
    if (loaded.kind === 'moved-aside') {
      const warning = DAEMON_STATE_MOVED_ASIDE(paths.stateFile, loaded.reason, loaded.movedTo);
      logger.error({ code: warning.code, hint: warning.hint }, warning.message);
    }
    const config = await options.loadConfig();
    const observer: SupervisorObserver = {};
    const supervisor = new Supervisor(
      {
        logDir: paths.logDir,
        stateFile: paths.stateFile,
        clientVersion: options.version,
        ...(options.connect ? { connect: options.connect } : {}),
        lifecycle: options.lifecycle ?? NO_LIFECYCLE,
        observer,
        logger,
        ...(options.random ? { random: options.random } : {}),
      },
      loaded.state,
    );
    let metrics: MetricsEndpoint | undefined;
    if (config.settings.metrics) {
      const { startMetrics } = await import('./metrics.js');
      metrics = await startMetrics(config.settings.metrics, () => supervisor.list());
      Object.assign(observer, metrics.observer);
      cleanups.push(() => metrics!.close());
      logger.info(`metrics on ${metrics.url}`);
    }
    // Restore the running set only after a crash; a clean stop restarts what is enabled.
    const restore = loaded.kind === 'loaded' && loaded.state.shutdown === 'running';
    await supervisor.boot(toSupervised(config, options), restore);
    cleanups.push(() => supervisor.shutdown());

    const startedAt = Date.now();
    let currentConfigPath = config.filepath;
    let stopping: Promise<void> | undefined;
    let markStopped!: () => void;
    const stopped = new Promise<void>((resolve) => (markStopped = resolve));
    // Reloads run one at a time, in the order they were asked for.
    let reloadQueue: Promise<unknown> = Promise.resolve();

    const reload = (configPath?: string): Promise<ReloadResult> => {
      const run = reloadQueue.then(async () => {
        const next = await options.loadConfig(configPath ?? currentConfigPath);
        const result = await supervisor.reload(toSupervised(next, options));
        currentConfigPath = next.filepath;
        logger.info(result, 'config reloaded');
        return result;
      });
      reloadQueue = run.catch(() => undefined);
      return run;
    };
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        logger.info('daemon stopping');
        removeSignalHandlers();
        await cleanup();
        markStopped();
      })();
      return stopping;
    };

    const execCounts: ExecCounts = { ran: 0, declined: 0 };
    const handlers = createHandlers({
        supervisor,
        reload,
        stop: () => void stop(),
        status: () => {
          const byState: Record<string, number> = {};
          for (const server of supervisor.list()) byState[server.state] = (byState[server.state] ?? 0) + 1;
          return {
            pid: process.pid,
            version: options.version,
            protocol: DAEMON_PROTOCOL_VERSION,
            startedAt: new Date(startedAt).toISOString(),
            uptimeMs: Date.now() - startedAt,
            socket: paths.socket,
            stateFile: paths.stateFile,
            logDir: paths.logDir,
            config: currentConfigPath ?? null,
            servers: byState,
            metrics: metrics?.url ?? null,
            rssBytes: process.memoryUsage.rss(),
            execs: options.runInvocation ? { ...execCounts } : null,
          };
        },
      });
    if (options.runInvocation) {
      const runner = { runInvocation: options.runInvocation, offerSession: offerWarmSession.bind(undefined, supervisor) };
      handlers[EXEC_METHOD] = createExecHandler(runner, options.version, execCounts);
    }
    const rpc: RpcServer = await listenRpc(paths.socket, handlers, (error) => logger.error({ err: error }, 'socket request failed'));
    // Closing the socket comes first when stopping: no new requests while servers go down.
    cleanups.push(() => rpc.close());

    const onTerm = (): void => void stop();
    const onHup = (): void => {
      reload().catch((error: unknown) => logger.error({ err: error }, `reload rejected, running set unchanged: ${(error as Error).message}`));
    };
    const removeSignalHandlers = (): void => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onTerm);
      process.off('SIGHUP', onHup);
    };
    if (options.stopOnSignals) {
      process.on('SIGTERM', onTerm);
      process.on('SIGINT', onTerm);
    }
    if (options.reloadOnSighup) process.on('SIGHUP', onHup);
    logger.info({ pid: process.pid, socket: paths.socket, servers: supervisor.names().length }, 'daemon ready');
    return { pid: process.pid, socket: paths.socket, supervisor, metricsUrl: metrics?.url, reload, stop, stopped };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function toSupervised(config: DaemonConfig, options: DaemonOptions): { servers: Record<string, ServerEntry>; settings: DaemonSettings; launch: LaunchContext } {
  return {
    servers: config.servers,
    settings: config.settings,
    launch: {
      ...(config.filepath ? { configPath: config.filepath } : {}),
      ...(config.profile ? { profile: config.profile } : {}),
      baseDir: config.baseDir,
      ...(options.cli ? { cli: options.cli } : {}),
      isServerType: config.serverTypes ? (type) => config.serverTypes!.includes(type) : (type) => options.isServerType(type),
      ...(options.canConnect ? { canConnect: options.canConnect } : {}),
      env: options.env ?? process.env,
    },
  };
}
