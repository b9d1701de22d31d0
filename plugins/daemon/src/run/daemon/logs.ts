import { ExitCode, type CommandRunContext } from '@mcpctl/kernel';
import { tailLog } from '../../supervisor/rotating-log.js';
import { daemonPaths } from '../daemon-client.js';
import { followFile } from '../follow.js';
import type { LOG_OPTIONS } from '../../commands/options.js';

export async function daemonLogs(ctx: CommandRunContext<typeof LOG_OPTIONS>): Promise<number> {
  const { daemonLog } = daemonPaths();
  const lines = tailLog(daemonLog, ctx.options.lines ?? 100, 1);
  if (ctx.io.json && !ctx.options.follow) {
    ctx.io.printJson({ path: daemonLog, lines });
    return ExitCode.OK;
  }
  if (lines.length) ctx.io.print(lines.join('\n'));
  if (ctx.options.follow) await followFile(daemonLog, (text) => ctx.io.stdout.write(text), ctx.signal);
  return ExitCode.OK;
}
