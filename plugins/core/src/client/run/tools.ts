import type { CommandRunContext } from '@mcpctl/kernel';
import type { TargetOptionSpecs } from '../../commands/client/options.js';
import { withSession } from '../command-session.js';
import { listAll } from '../paginate.js';
import { summarizeArguments } from '../schema-summary.js';
import { oneLine } from '../text.js';

export async function runTools(ctx: CommandRunContext<TargetOptionSpecs>): Promise<number> {
  return withSession(ctx, ctx.positionals.target, async (session, _target, timeoutMs) => {
    const tools = await listAll<Record<string, unknown>>(session, 'tools/list', 'tools', { signal: ctx.signal, timeoutMs });
    if (ctx.io.json) {
      ctx.io.printJson({ tools });
      return 0;
    }
    if (tools.length === 0) {
      ctx.io.print('(no tools)');
      return 0;
    }
    ctx.io.printTable(
      tools.map((t) => ({
        name: t.name,
        title: t.title ?? (t.annotations as { title?: string } | undefined)?.title ?? '',
        description: oneLine(t.description, ctx.io.isTTY ? 60 : 200),
        arguments: summarizeArguments(t.inputSchema),
      })),
      [
        { key: 'name', header: 'NAME' },
        { key: 'title', header: 'TITLE' },
        { key: 'description', header: 'DESCRIPTION' },
        { key: 'arguments', header: 'ARGUMENTS (* required)' },
      ],
    );
    return 0;
  });
}
