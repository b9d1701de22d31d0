import type { CommandRunContext } from '@mcpctl/kernel';
import type { TargetOptionSpecs } from '../../commands/client/options.js';
import { withSession } from '../command-session.js';
import { listAll } from '../paginate.js';
import { summarizePromptArguments } from '../schema-summary.js';
import { oneLine } from '../text.js';

export async function runPrompts(ctx: CommandRunContext<TargetOptionSpecs>): Promise<number> {
  return withSession(ctx, ctx.positionals.target, async (session, _target, timeoutMs) => {
    const prompts = await listAll<Record<string, unknown>>(session, 'prompts/list', 'prompts', { signal: ctx.signal, timeoutMs });
    if (ctx.io.json) {
      ctx.io.printJson({ prompts });
      return 0;
    }
    if (prompts.length === 0) {
      ctx.io.print('(no prompts)');
      return 0;
    }
    ctx.io.printTable(
      prompts.map((p) => ({
        name: p.name,
        title: p.title ?? '',
        description: oneLine(p.description, ctx.io.isTTY ? 60 : 200),
        arguments: summarizePromptArguments(p.arguments),
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
