import type { CommandRunContext } from '@mcpctl/kernel';

export async function runConfigShow({ io, kernel }: CommandRunContext): Promise<number> {
  const loaded = await kernel.loadConfig();
  const { redactConfig } = await import('@mcpctl/kernel/config');
  const redacted = redactConfig(loaded.config, loaded.secretPointers);
  if (io.json) {
    io.printJson(redacted);
    return 0;
  }
  const { stringify } = await import('yaml');
  const origin = loaded.filepath ? `# ${loaded.filepath}` : '# no config file found: defaults only';
  const profile = loaded.profile ? ` (profile: ${loaded.profile})` : '';
  io.print(`${origin}${profile}\n${stringify(redacted).trimEnd()}`);
  return 0;
}
