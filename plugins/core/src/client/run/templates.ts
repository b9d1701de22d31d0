import type { CommandRunContext } from '@mcpctl/kernel';
import type { TargetOptionSpecs } from '../../commands/client/options.js';
import { withSession } from '../command-session.js';
import { listAll } from '../paginate.js';
import { oneLine } from '../text.js';

export async function runTemplates(ctx: CommandRunContext<TargetOptionSpecs>): Promise<number> {
  return withSession(ctx, ctx.positionals.target, async (session, _target, timeoutMs) => {
    const resourceTemplates = await listAll<Record<string, unknown>>(session, 'resources/templates/list', 'resourceTemplates', { signal: ctx.signal, timeoutMs });
    if (ctx.io.json) {
      ctx.io.printJson({ resourceTemplates });
      return 0;
    }
    if (resourceTemplates.length === 0) {
      ctx.io.print('(no resource templates)');
      return 0;
    }
    ctx.io.printTable(
      resourceTemplates.map((t) => ({
        name: t.title ?? t.name,
        uriTemplate: t.uriTemplate,
        mimeType: t.mimeType ?? '',
        description: oneLine(t.description, ctx.io.isTTY ? 60 : 200),
      })),
      [
        { key: 'name', header: 'NAME' },
        { key: 'uriTemplate', header: 'URI TEMPLATE' },
        { key: 'mimeType', header: 'MIME TYPE' },
        { key: 'description', header: 'DESCRIPTION' },
      ],
    );
    return 0;
  });
}
