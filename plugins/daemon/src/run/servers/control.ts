import { errors, ExitCode, type CommandRunContext } from '@mcpctl/kernel';
import type { BulkOutcome } from '../../handlers.js';
import { withDaemon } from '../daemon-client.js';
import type { ALL_OPTIONS } from '../../commands/options.js';

export async function serversControl(action: 'start' | 'stop' | 'restart', ctx: CommandRunContext<typeof ALL_OPTIONS>): Promise<number> {
  const name = ctx.positionals.name;
  const all = ctx.options.all;
  if (!name && !all) throw errors.USAGE_ERROR(`\`servers ${action}\` needs a server name or --all`);
  if (name && all) throw errors.USAGE_ERROR('give a server name or --all, not both');
  const { results } = await withDaemon((client) =>
    client.request<{ results: BulkOutcome[] }>(`servers.${action}`, all ? { all: true } : { name }, { signal: ctx.signal }),
  );
  if (ctx.io.json) ctx.io.printJson(results);
  else {
    const done = { start: 'started', stop: 'stopped', restart: 'restarted' }[action];
    for (const result of results) {
      if (result.ok) ctx.io.print(`${result.name}: ${done}${result.server?.pid ? ` (pid ${result.server.pid})` : result.server ? ` (${result.server.state})` : ''}`);
      else ctx.io.stderr.write(`${result.name}: ${result.error?.message ?? 'failed'}\n`);
    }
  }
  return results.every((result) => result.ok) ? ExitCode.OK : ExitCode.FAILURE;
}
