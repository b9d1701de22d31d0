import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExitCode, type CommandRunContext } from '@mcpctl/kernel';
import { DAEMON_ALREADY_RUNNING, DAEMON_START_FAILED } from '../../errors.js';
import { tailLog } from '../../supervisor/rotating-log.js';
import { daemonPaths, lockHeld, probeDaemon, waitForDaemon } from '../daemon-client.js';
import { cliCommand, kernelDaemonOptions } from '../kernel-options.js';
import type { START_OPTIONS } from '../../commands/options.js';

/** The daemon's own log is rotated at start once it grows past this. */
const DAEMON_LOG_MAX_BYTES = 5 * 1024 * 1024;

export async function daemonStart(ctx: CommandRunContext<typeof START_OPTIONS>): Promise<number> {
  const paths = daemonPaths();
  const existing = await probeDaemon(paths);
  if (existing) return reportRunning(ctx, existing, false);
  if (ctx.options.foreground) return runForeground(ctx);
  // An invalid config fails here, with its own error and exit code, rather than in the detached child.
  await ctx.kernel.loadConfig();

  mkdirSync(dirname(paths.daemonLog), { recursive: true, mode: 0o700 });
  rotateIfLarge(paths.daemonLog);
  const log = openSync(paths.daemonLog, 'a', 0o600);
  const cli = cliCommand();
  // A small young generation: the daemon is long-lived and mostly idle, so trade a little GC work for ~12 MB of RSS.
  const args = ['--max-semi-space-size=1', cli.bin, 'daemon', 'start', '--foreground'];
  if (ctx.kernel.options.configPath) args.push('--config', ctx.kernel.options.configPath);
  if (ctx.kernel.options.profile) args.push('--profile', ctx.kernel.options.profile);
  if (ctx.kernel.options.safeMode) args.push('--safe-mode');
  // Detached: its own session, no terminal, stdio to the daemon log; we do not wait for it.
  const child = spawn(cli.execPath, args, { cwd: ctx.kernel.options.cwd, env: process.env, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  child.unref();

  const deadline = Date.now() + (ctx.options.wait ?? 15_000);
  // Wait while our child runs, or while another process holds the lock (it won a race and is booting).
  const status = await waitForDaemon(paths, deadline, async () => exited === undefined || (await lockHeld(paths)), ctx.signal);
  if (status) return reportRunning(ctx, status, status.pid === child.pid);
  const lastLines = tailLog(paths.daemonLog, 15, 0);
  throw DAEMON_START_FAILED(exited !== undefined ? `it exited with code ${exited}` : 'it did not answer in time', {
    details: { log: paths.daemonLog, lastLines },
    hint: `Its log (${paths.daemonLog}) ends with:\n${lastLines.join('\n')}`,
  });
}

async function runForeground(ctx: CommandRunContext<typeof START_OPTIONS>): Promise<number> {
  const { startDaemon } = await import('../../daemon.js');
  let running;
  try {
    running = await startDaemon({ ...kernelDaemonOptions(ctx.kernel), reloadOnSighup: true, ...(ctx.runInvocation ? { runInvocation: ctx.runInvocation } : {}) });
  } catch (error) {
    // Lost the lock race to a daemon that is now running: report it like a start.
    if (DAEMON_ALREADY_RUNNING.is(error)) {
      const paths = daemonPaths();
      const status = await waitForDaemon(paths, Date.now() + 15_000, () => true, ctx.signal);
      if (status) return reportRunning(ctx, status, false);
    }
    throw error;
  }
  ctx.io.stderr.write(`mcpctl daemon running (pid ${running.pid}, socket ${running.socket})\n`);
  const onAbort = (): void => void running.stop();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  await running.stopped;
  ctx.signal.removeEventListener('abort', onAbort);
  return ExitCode.OK;
}

function reportRunning(ctx: CommandRunContext<typeof START_OPTIONS>, status: Record<string, unknown>, started: boolean): number {
  if (ctx.io.json) ctx.io.printJson({ started, ...status });
  else if (started) ctx.io.print(`daemon started (pid ${status.pid}, socket ${status.socket})`);
  else ctx.io.print(`daemon already running (pid ${status.pid}, socket ${status.socket})`);
  return ExitCode.OK;
}

function rotateIfLarge(path: string): void {
  try {
    if (statSync(path).size > DAEMON_LOG_MAX_BYTES) renameSync(path, `${path}.1`);
  } catch {
    /* no log yet */
  }
}
