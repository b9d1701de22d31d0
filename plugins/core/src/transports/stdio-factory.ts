import type { McpTransport, TransportContext, TransportRequest } from '@mcpctl/kernel';
import { stringArrayField, stringField, stringMapField } from './entry-options.js';
import { StdioTransport } from './stdio.js';

/** Builds a {@link StdioTransport} from an entry's command, args, env and cwd. */
export async function createStdioTransport(request: TransportRequest, ctx: TransportContext): Promise<McpTransport> {
  const { entry } = request;
  const command = stringField(entry, 'command', request.name ?? 'stdio', true);
  const label = request.name ?? command;
  return new StdioTransport({
    command,
    args: stringArrayField(entry, 'args', label),
    env: stringMapField(entry, 'env', label),
    cwd: stringField(entry, 'cwd', label),
    label,
    logger: ctx.logger,
  });
}
