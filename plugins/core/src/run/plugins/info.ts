import { errors, type CommandRunContext } from '@mcpctl/kernel';
import { summarizeProvides } from './list.js';

export async function runPluginsInfo({ io, kernel, positionals }: CommandRunContext): Promise<number> {
  const name = positionals.name!;
  const records = kernel.plugins.list().filter((record) => record.name === name);
  if (records.length === 0) {
    const known = kernel.plugins.list().map((record) => record.name).join(', ');
    throw errors.PLUGIN_NOT_FOUND(name, `not among the discovered plugins: ${known}`, { exitCode: 2, hint: 'Run `mcpctl plugins list` for the names.' });
  }
  const problems = kernel.plugins.problems().filter((problem) => problem.plugin === name);
  if (io.json) {
    io.printJson({ plugins: records, problems });
    return 0;
  }
  for (const record of records) {
    const provides = record.manifest.provides ?? {};
    const lines = [
      `${record.name} ${record.version}${record.state === 'shadowed' ? '  (shadowed by a higher-precedence copy)' : ''}`,
      record.description ? `  ${record.description}` : undefined,
      `  source:      ${record.source} (${record.dir})`,
      `  state:       ${record.state}`,
      `  api:         ${record.manifest.apiVersion} (kernel provides ${kernel.apiVersion})`,
      `  entry:       ${record.manifest.entry}`,
      record.configSchemaPath ? `  schema:      ${record.configSchemaPath}` : undefined,
      `  provides:    ${summarizeProvides(provides) || 'nothing'}`,
      ...(provides.commands ?? []).map((command) => `    mcpctl ${command.path.join(' ').padEnd(20)} ${command.summary}`),
      ...(provides.hooks ?? []).map((hook) => `    hook ${hook.name.padEnd(22)} ${hook.kind}${hook.keyed ? ' (keyed)' : ''}(${hook.args.join(', ')})${hook.summary ? `  ${hook.summary}` : ''}`),
      provides.taps?.length ? `  taps:        ${provides.taps.join(', ')}` : undefined,
    ];
    io.print(lines.filter((line) => line !== undefined).join('\n'));
  }
  for (const problem of problems) io.print(`  ${problem.severity} ${problem.code}: ${problem.message}\n    hint: ${problem.hint}`);
  return 0;
}
