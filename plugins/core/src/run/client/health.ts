import type { ClientSession, CommandRunContext, HealthCheckResult, HealthStatus } from '@mcpctl/kernel';
import { isMcpctlError } from '@mcpctl/kernel';
import type { healthOptions } from '../../commands/client/options.js';
import { timeoutOf } from '../../client/command-session.js';
import { openSession } from '../../client/connect.js';
import { resolveTarget, type Target } from '../../client/target.js';
import { firstLine, formatMs, roundMs } from '../../client/text.js';

type Ctx = CommandRunContext<typeof healthOptions>;

export const DEFAULT_HEALTH_TIMEOUT_MS = 10_000;

interface TargetHealth {
  target: string;
  status: HealthStatus;
  connectMs?: number;
  latencyMs?: number;
  checks: HealthCheckResult[];
  error?: { code: string; message: string; hint?: string };
}

export async function runHealth(ctx: Ctx): Promise<number> {
  const timeoutMs = timeoutOf(ctx.options, DEFAULT_HEALTH_TIMEOUT_MS);
  let names = ctx.rest;
  if (names.length === 0) {
    const loaded = await ctx.kernel.loadConfig();
    names = Object.keys(loaded.config.servers ?? {});
    if (names.length === 0) {
      if (ctx.io.json) ctx.io.printJson({ healthy: true, targets: [] });
      else ctx.io.stderr.write('No servers are configured; name targets to check, e.g. `mcpctl health https://example.com/mcp`.\n');
      return 0;
    }
  }
  const results = await Promise.all(names.map((name) => checkTarget(ctx, name, timeoutMs)));
  const healthy = results.every((r) => r.status !== 'fail');
  if (ctx.io.json) {
    ctx.io.printJson({ healthy, targets: results });
  } else {
    ctx.io.printTable(
      results.map((r) => ({
        target: r.target,
        status: r.status.toUpperCase(),
        connect: r.connectMs === undefined ? '' : formatMs(r.connectMs),
        latency: r.latencyMs === undefined ? '' : formatMs(r.latencyMs),
        checks: r.checks.map((c) => `${c.check}:${c.status}`).join(' '),
        message: r.error ? firstLine(r.error.message) : r.checks.filter((c) => c.status !== 'ok' && c.message).map((c) => `${c.check}: ${c.message}`).join('; '),
      })),
      [
        { key: 'target', header: 'TARGET' },
        { key: 'status', header: 'STATUS' },
        { key: 'connect', header: 'CONNECT' },
        { key: 'latency', header: 'PING' },
        { key: 'checks', header: 'CHECKS' },
        { key: 'message', header: 'MESSAGE' },
      ],
    );
  }
  return healthy ? 0 : 1;
}

/** Connect, initialize, ping and run plugin checks for one target, all within `timeoutMs`. Never throws. */
async function checkTarget(ctx: Ctx, name: string, timeoutMs: number): Promise<TargetHealth> {
  const result: TargetHealth = { target: name, status: 'ok', checks: [] };
  let session: ClientSession | undefined;
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const work = (async () => {
    let target: Target;
    const started = performance.now();
    try {
      target = await resolveTarget(ctx.kernel, name, { ...(ctx.options.header ? { header: ctx.options.header } : {}), ...(ctx.options.transport ? { transport: ctx.options.transport } : {}) });
      const opened = await openSession(ctx.kernel, target, {
        timeoutMs,
        signal: ctx.signal,
        noDaemon: ctx.options.daemon === false,
        ignoreBreaker: ctx.options.breaker === false,
      });
      if (timedOut) {
        await opened.close();
        return;
      }
      session = opened;
      result.connectMs = roundMs(performance.now() - started);
      result.checks.push({ check: 'connect', status: 'ok', durationMs: result.connectMs, message: `${opened.serverInfo.name} ${opened.serverInfo.version}, protocol ${opened.protocolVersion}` });
    } catch (error) {
      fail(result, 'connect', error, performance.now() - started);
      return;
    }
    const pingStarted = performance.now();
    try {
      await session.request('ping', undefined, { signal: ctx.signal, timeoutMs });
      result.latencyMs = roundMs(performance.now() - pingStarted);
      result.checks.push({ check: 'ping', status: 'ok', durationMs: result.latencyMs });
    } catch (error) {
      fail(result, 'ping', error, performance.now() - pingStarted);
      return;
    }
    const live = session;
    const contributed = await ctx.kernel.runHealthChecks(
      { name, entry: target.entry, request: (method, params) => live.request(method, params, { signal: ctx.signal, timeoutMs }) },
      { timeoutMs },
    );
    result.checks.push(...contributed);
  })();
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      result.error = { code: 'MCPCTL_TIMEOUT', message: `Health check of ${name} timed out after ${timeoutMs}ms` };
      result.checks.push({ check: 'timeout', status: 'fail', message: result.error.message });
      resolve();
    }, timeoutMs + 250);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    await session?.close().catch(() => undefined);
  }
  result.status = result.error || result.checks.some((c) => c.status === 'fail') ? 'fail' : result.checks.some((c) => c.status === 'warn') ? 'warn' : 'ok';
  return result;
}

function fail(result: TargetHealth, check: string, error: unknown, ms: number): void {
  const err = isMcpctlError(error)
    ? { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }
    : { code: 'MCPCTL_HEALTH_FAILED', message: error instanceof Error ? error.message : String(error) };
  result.error = err;
  result.checks.push({ check, status: 'fail', durationMs: roundMs(ms), message: firstLine(err.message) });
}
