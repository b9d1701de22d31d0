import type { CommandRunContext } from '@mcpctl/kernel';
import type { TargetOptionSpecs } from '../../commands/client/options.js';
import { withSession } from '../command-session.js';
import { listAll } from '../paginate.js';
import { formatBytes, oneLine } from '../text.js';

export async function runResources(ctx: CommandRunContext<TargetOptionSpecs>): Promise<number> {
  return withSession(ctx, ctx.positionals.target, async (session, _target, timeoutMs) => {
    const resources = await listAll<Record<string, unknown>>(session, 'resources/list', 'resources', { signal: ctx.signal, timeoutMs });
    if (ctx.io.json) {
      ctx.io.printJson({ resources });
      return 0;
    }
    if (resources.length === 0) {
      ctx.io.print('(no resources)');
      return 0;
    }
    ctx.io.printTable(
      resources.map((r) => ({
        name: r.title ?? r.name,
        uri: r.uri,
        mimeType: r.mimeType ?? '',
        size: typeof r.size === 'number' ? formatBytes(r.size) : '',
        description: oneLine(r.description, ctx.io.isTTY ? 60 : 200),
      })),
      [
        { key: 'name', header: 'NAME' },
        { key: 'uri', header: 'URI' },
        { key: 'mimeType', header: 'MIME TYPE' },
        { key: 'size', header: 'SIZE' },
        { key: 'description', header: 'DESCRIPTION' },
      ],
    );
    return 0;
  });
}
