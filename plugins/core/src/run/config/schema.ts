import type { CommandRunContext } from '@mcpctl/kernel';

export async function runConfigSchema({ io, kernel }: CommandRunContext): Promise<number> {
  io.printJson(await kernel.configSchema());
  return 0;
}
