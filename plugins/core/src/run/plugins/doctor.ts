import type { CommandRunContext } from '@mcpctl/kernel';

export async function runPluginsDoctor({ io, kernel }: CommandRunContext): Promise<number> {
  const problems = await kernel.loadAllPlugins();
  if (io.json) {
    io.printJson({ ok: problems.length === 0, plugins: kernel.plugins.list().map(({ name, version, source, state, dir }) => ({ name, version, source, state, dir })), problems });
    return problems.length === 0 ? 0 : 1;
  }
  const plugins = kernel.plugins.list();
  if (problems.length === 0) {
    io.print(`✓ ${plugins.length} plugin(s) loaded, no problems`);
    return 0;
  }
  io.printTable(problems as unknown as Array<Record<string, unknown>>, [
    { key: 'severity', header: 'Severity' },
    { key: 'code', header: 'Code' },
    { key: 'plugin', header: 'Plugin' },
    { key: 'source', header: 'Source' },
    { key: 'message', header: 'Problem' },
    { key: 'hint', header: 'Hint' },
  ]);
  return 1;
}
