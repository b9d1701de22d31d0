import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import type { Logger, ServerEntry } from '@mcpctl/kernel';
import { startDaemon, type DaemonConfig, type DaemonOptions, type RunningDaemon } from '../src/daemon.js';
import { resolveDaemonPaths, type DaemonPaths } from '../src/paths.js';
import { connectRpc, type RpcClient } from '../src/rpc/client.js';
import type { DaemonSettings } from '../src/supervisor/options.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const FIXTURE_SERVER = join(FIXTURES, 'fixture-server.mjs');

/** A temp HOME / XDG tree so nothing touches the real user's state. */
export interface Sandbox {
  root: string;
  env: NodeJS.ProcessEnv;
  paths: DaemonPaths;
  cleanup(): void;
}

export function makeSandbox(): Sandbox {
  // Short paths: a Unix socket path must stay under 108 bytes.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'mcd-')));
  const env = { ...process.env, HOME: join(root, 'home'), XDG_RUNTIME_DIR: join(root, 'run'), XDG_STATE_HOME: join(root, 'state') };
  return { root, env, paths: resolveDaemonPaths(env), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** What the current test started: closed and stopped after it by `useDaemonSandbox`. */
const openClients: RpcClient[] = [];
const startedDaemons: RunningDaemon[] = [];

/**
 * The setup of the tests that run a daemon in this process: a fresh sandbox
 * before each test (the returned object always holds the current one); after
 * each, close the clients from `connectClient`, stop the daemons from
 * `startTestDaemon`, run `afterEachTest`, and remove the sandbox.
 */
export function useDaemonSandbox(afterEachTest?: () => void): Sandbox {
  const sandbox = {} as Sandbox;
  beforeEach(() => {
    Object.assign(sandbox, makeSandbox());
  });
  afterEach(async () => {
    for (const client of openClients.splice(0)) client.close();
    for (const daemon of startedDaemons.splice(0)) await daemon.stop();
    afterEachTest?.();
    sandbox.cleanup();
  });
  return sandbox;
}

/** A socket client to the sandbox's daemon, closed after the test. */
export async function connectClient(sandbox: Sandbox): Promise<RpcClient> {
  const client = await connectRpc(sandbox.paths.socket);
  openClients.push(client);
  return client;
}

export function fixtureEntry(fixtureEnv: Record<string, string> = {}, supervise?: Record<string, unknown>): ServerEntry {
  return { type: 'stdio', command: process.execPath, args: [FIXTURE_SERVER], env: fixtureEnv, ...(supervise ? { supervise } : {}) };
}

export interface LogRecord {
  level: string;
  args: unknown[];
}

/** A Logger that records instead of printing. */
export function recordingLogger(records: LogRecord[] = []): Logger {
  const make = (level: string) => (...args: unknown[]) => void records.push({ level, args });
  const logger: Logger = {
    trace: make('trace'),
    debug: make('debug'),
    info: make('info'),
    warn: make('warn'),
    error: make('error'),
    fatal: make('fatal'),
    level: 'trace',
    child: () => logger,
  };
  return logger;
}

/** Fast health and backoff so tests finish quickly. */
export const FAST: DaemonSettings = {
  backoff: { initial: 50, max: 400, resetAfter: '1h' },
  health: { interval: 0 },
  stopTimeout: 2000,
  startTimeout: 10_000,
};

export interface TestDaemon {
  daemon: RunningDaemon;
  config: DaemonConfig;
  logs: LogRecord[];
}

export async function startTestDaemon(sandbox: Sandbox, servers: Record<string, ServerEntry>, settings: DaemonSettings = FAST, extra: Partial<DaemonOptions> = {}): Promise<TestDaemon> {
  const config: DaemonConfig = { servers, settings, baseDir: sandbox.root };
  const logs: LogRecord[] = [];
  const daemon = await startDaemon({
    paths: sandbox.paths,
    version: '0.1.0-test',
    loadConfig: async () => structuredClone(config),
    isServerType: () => false,
    logger: recordingLogger(logs),
    env: sandbox.env,
    ...extra,
  });
  startedDaemons.push(daemon);
  return { daemon, config, logs };
}

export async function waitFor<T>(probe: () => T | Promise<T>, options: { timeoutMs?: number; intervalMs?: number; what?: string } = {}): Promise<NonNullable<T>> {
  // Generous: other test files spawn many processes on few cores.
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'condition'}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}

/** True when pid exists and is not a zombie. */
export { pidRunning as processRunning } from '../src/process-identity.js';

export const PACKAGE_DIR = join(FIXTURES, '..', '..');
export const REPO = join(PACKAGE_DIR, '..', '..');
export const CLI = join(REPO, 'cli', 'bin', 'mcpctl.js');

/** Build TypeScript projects (`tsc -b`), for tests that run the built dist/ in other processes. */
export function buildProjects(...projects: string[]): void {
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', ...projects], { stdio: 'inherit' });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the real CLI in the sandbox (its HOME/XDG dirs, cwd at its root) with
 * `--config`; resolves with the exit code instead of throwing.
 */
export function runCli(
  sandbox: Sandbox,
  configFile: string,
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    input?: string;
    /** Send SIGINT (Ctrl-C) once this returns true (polled every 50 ms). */
    signalWhen?: () => boolean;
    timeoutMs?: number;
  } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--config', configFile, ...args], {
      cwd: sandbox.root,
      env: { ...sandbox.env, MCPCTL_LOG_LEVEL: 'error', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
    const { signalWhen } = options;
    const signal = signalWhen
      ? setInterval(() => {
        if (!signalWhen()) return;
        clearInterval(signal);
        child.kill('SIGINT');
      }, 50)
      : undefined;
    const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, killedBy) => {
      clearInterval(signal);
      clearTimeout(timeout);
      resolve({ code: code ?? (killedBy ? 128 : -1), stdout, stderr });
    });
  });
}
