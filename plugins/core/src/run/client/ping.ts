import type { CommandRunContext } from '@mcpctl/kernel';
import { errors } from '@mcpctl/kernel';
import type { pingOptions } from '../../commands/client/options.js';
import { withSession } from '../../client/command-session.js';
import { formatMs, roundMs } from '../../client/text.js';

export async function runPing(ctx: CommandRunContext<typeof pingOptions>): Promise<number> {
  const count = ctx.options.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw errors.USAGE_ERROR(`--count must be a whole number ≥ 1, got ${count}`);
  let connectMs = 0;
  return withSession(ctx, ctx.positionals.target, async (session, target, timeoutMs) => {
    const rtts: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await session.request('ping', undefined, { signal: ctx.signal, timeoutMs });
      const rtt = performance.now() - started;
      rtts.push(rtt);
      if (!ctx.io.json) ctx.io.print(`pong from ${target.label}: ${formatMs(rtt)}`);
    }
    const sorted = [...rtts].sort((a, b) => a - b);
    const summary = { min: roundMs(sorted[0]!), median: roundMs(sorted[Math.floor(sorted.length / 2)]!), max: roundMs(sorted.at(-1)!) };
    if (ctx.io.json) {
      ctx.io.printJson({ target: target.label, ok: true, connectMs: roundMs(connectMs), rttMs: rtts.map(roundMs), ...summary });
    } else if (count > 1) {
      ctx.io.print(`${count} pings: min ${formatMs(summary.min)}, median ${formatMs(summary.median)}, max ${formatMs(summary.max)} (connect ${formatMs(connectMs)})`);
    }
    return 0;
  }, { onConnected: (ms) => { connectMs = ms; } });
}
