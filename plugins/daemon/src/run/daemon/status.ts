import { ExitCode, type CommandRunContext } from '@mcpctl/kernel';
import { formatDuration } from '../../supervisor/duration.js';
import { withDaemon } from '../daemon-client.js';
import { alignedPairs } from '../format.js';
import type { NO_OPTIONS } from '../../commands/options.js';

export async function daemonStatus(ctx: CommandRunContext<typeof NO_OPTIONS>): Promise<number> {
  const status = await withDaemon((client) => client.request<Record<string, unknown>>('daemon.status', {}, { timeoutMs: 5000 }));
  if (ctx.io.json) {
    ctx.io.printJson(status);
    return ExitCode.OK;
  }
  const servers = Object.entries((status.servers ?? {}) as Record<string, number>)
    .map(([state, count]) => `${count} ${state}`)
    .join(', ');
  const lines: Array<[string, unknown]> = [
    ['pid', status.pid],
    ['uptime', formatDuration(Number(status.uptimeMs))],
    ['version', status.version],
    ['socket', status.socket],
    ['config', status.config ?? '(none)'],
    ['servers', servers || 'none'],
    ['state file', status.stateFile],
    ['logs', status.logDir],
    ['metrics', status.metrics ?? 'off'],
    ['memory', `${Math.round(Number(status.rssBytes) / 1024 / 1024)} MiB RSS`],
  ];
  ctx.io.print(alignedPairs(lines).join('\n'));
  return ExitCode.OK;
}
