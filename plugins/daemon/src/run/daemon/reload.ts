import { resolve } from 'node:path';
import { ExitCode, type CommandRunContext } from '@mcpctl/kernel';
import type { ReloadResult } from '../../supervisor/supervisor.js';
import { withDaemon } from '../daemon-client.js';
import { toDaemonConfig } from '../kernel-options.js';
import type { RELOAD_OPTIONS } from '../../commands/options.js';

export async function daemonReload(ctx: CommandRunContext<typeof RELOAD_OPTIONS>): Promise<number> {
  if (ctx.options.emitConfig) {
    // Internal: the daemon runs this to read the config in a fresh process.
    const loaded = await ctx.kernel.loadConfig();
    ctx.io.stdout.write(JSON.stringify(toDaemonConfig(loaded, ctx.kernel)) + '\n');
    return ExitCode.OK;
  }
  const explicit = ctx.kernel.options.configPath;
  const result = await withDaemon((client) =>
    client.request<ReloadResult>('daemon.reload', explicit ? { configPath: resolve(ctx.kernel.options.cwd, explicit) } : {}, { timeoutMs: 120_000 }),
  );
  if (ctx.io.json) {
    ctx.io.printJson(result);
    return ExitCode.OK;
  }
  const parts = [
    result.added.length ? `added ${result.added.join(', ')}` : '',
    result.removed.length ? `removed ${result.removed.join(', ')}` : '',
    result.changed.length ? `restarted ${result.changed.join(', ')}` : '',
    `${result.unchanged.length} unchanged`,
  ].filter(Boolean);
  ctx.io.print(`reloaded: ${parts.join('; ')}`);
  return ExitCode.OK;
}
