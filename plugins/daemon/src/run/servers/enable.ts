import { ExitCode, type CommandRunContext } from '@mcpctl/kernel';
import type { UnitSnapshot } from '../../supervisor/server-unit.js';
import { withDaemon } from '../daemon-client.js';
import type { NO_OPTIONS } from '../../commands/options.js';

export async function serversEnable(enable: boolean, ctx: CommandRunContext<typeof NO_OPTIONS>): Promise<number> {
  const server = await withDaemon((client) =>
    client.request<UnitSnapshot>(enable ? 'servers.enable' : 'servers.disable', { name: ctx.positionals.name }, { timeoutMs: 5000 }),
  );
  if (ctx.io.json) ctx.io.printJson(server);
  else ctx.io.print(`${server.name}: ${enable ? 'enabled (starts with the daemon)' : 'disabled (does not start with the daemon)'}; now ${server.state}`);
  return ExitCode.OK;
}
