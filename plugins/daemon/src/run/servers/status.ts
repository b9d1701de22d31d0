import { ExitCode, type CommandRunContext } from '@mcpctl/kernel';
import type { UnitSnapshot } from '../../supervisor/server-unit.js';
import { withDaemon } from '../daemon-client.js';
import { serverDetail } from '../format.js';
import type { NO_OPTIONS } from '../../commands/options.js';

export async function serversStatus(ctx: CommandRunContext<typeof NO_OPTIONS>): Promise<number> {
  const server = await withDaemon((client) => client.request<UnitSnapshot>('servers.status', { name: ctx.positionals.name }, { timeoutMs: 5000 }));
  if (ctx.io.json) ctx.io.printJson(server);
  else ctx.io.print(serverDetail(server));
  return server.state === 'failed' ? ExitCode.FAILURE : ExitCode.OK;
}
