import { ExitCode, type CommandRunContext } from '@mcpctl/kernel';
import { DAEMON_NOT_RUNNING } from '../../errors.js';
import { pidRunning } from '../../process-identity.js';
import { daemonPaths, withDaemon } from '../daemon-client.js';
import type { STOP_OPTIONS } from '../../commands/options.js';

export async function daemonStop(ctx: CommandRunContext<typeof STOP_OPTIONS>): Promise<number> {
  const paths = daemonPaths();
  let pid: number;
  try {
    ({ pid } = await withDaemon((client) => client.request<{ pid: number }>('daemon.stop', {}, { timeoutMs: 5000 }), paths));
  } catch (error) {
    if (!DAEMON_NOT_RUNNING.is(error)) throw error;
    if (ctx.io.json) ctx.io.printJson({ stopped: false, running: false });
    else ctx.io.print('daemon is not running');
    return ExitCode.OK;
  }
  const deadline = Date.now() + (ctx.options.timeout ?? 30_000);
  while (pidRunning(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  if (pidRunning(pid)) {
    ctx.io.stderr.write(`daemon (pid ${pid}) is still stopping its servers\n`);
    return ExitCode.TIMEOUT;
  }
  if (ctx.io.json) ctx.io.printJson({ stopped: true, pid });
  else ctx.io.print(`daemon stopped (pid ${pid})`);
  return ExitCode.OK;
}
