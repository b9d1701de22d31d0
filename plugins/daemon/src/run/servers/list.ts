import { ExitCode, type CommandRunContext } from '@mcpctl/kernel';
import type { UnitSnapshot } from '../../supervisor/server-unit.js';
import { withDaemon } from '../daemon-client.js';
import { SERVER_COLUMNS, serverRow } from '../format.js';
import type { NO_OPTIONS } from '../../commands/options.js';

export async function serversList(ctx: CommandRunContext<typeof NO_OPTIONS>): Promise<number> {
  const { servers } = await withDaemon((client) => client.request<{ servers: UnitSnapshot[] }>('servers.list', {}, { timeoutMs: 5000 }));
  if (ctx.io.json) ctx.io.printJson(servers);
  else if (servers.length === 0) ctx.io.print('no servers configured');
  else ctx.io.printTable(servers.map(serverRow), SERVER_COLUMNS);
  return ExitCode.OK;
}
