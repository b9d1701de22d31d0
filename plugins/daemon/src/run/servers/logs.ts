import { ExitCode, type CommandRunContext } from '@mcpctl/kernel';
import { DAEMON_NOT_RUNNING } from '../../errors.js';
import { serverLogPath } from '../../paths.js';
import { tailLog } from '../../supervisor/rotating-log.js';
import { daemonPaths, withDaemon } from '../daemon-client.js';
import { followFile } from '../follow.js';
import type { LOG_OPTIONS } from '../../commands/options.js';

export async function serversLogs(ctx: CommandRunContext<typeof LOG_OPTIONS>): Promise<number> {
  const name = ctx.positionals.name!;
  const count = ctx.options.lines ?? 100;
  let path: string | null;
  let lines: string[];
  try {
    ({ path, lines } = await withDaemon((client) => client.request<{ path: string | null; lines: string[] }>('servers.logs', { name, lines: count }, { timeoutMs: 5000 })));
  } catch (error) {
    // Logs outlive the daemon: read the file directly when it is not running.
    if (!DAEMON_NOT_RUNNING.is(error)) throw error;
    path = serverLogPath(daemonPaths().logDir, name);
    lines = tailLog(path, count);
  }
  if (ctx.io.json && !ctx.options.follow) {
    ctx.io.printJson({ name, path, lines });
    return ExitCode.OK;
  }
  if (path === null) {
    ctx.io.stderr.write(`${name} is not spawned by the daemon, so it has no log\n`);
    return ExitCode.OK;
  }
  if (lines.length) ctx.io.print(lines.join('\n'));
  if (ctx.options.follow) await followFile(path, (text) => ctx.io.stdout.write(text), ctx.signal);
  return ExitCode.OK;
}
