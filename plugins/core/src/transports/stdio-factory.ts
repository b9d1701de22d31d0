import type { McpTransport, TransportContext, TransportRequest } from '@mcpctl/kernel';
import { stdioCommand } from '@mcpctl/toolkit/entry';
import { StdioTransport } from './stdio.js';

/** Builds a {@link StdioTransport} from an entry's command, args, env and cwd. */
export async function createStdioTransport(request: TransportRequest, ctx: TransportContext): Promise<McpTransport> {
  const { entry } = request;
  const { command, args, env, cwd } = stdioCommand(entry, request.name ?? 'stdio');
  return new StdioTransport({
    command,
    args,
    env,
    ...(cwd !== undefined ? { cwd } : {}),
    label: request.name ?? command,
    logger: ctx.logger,
  });
}
