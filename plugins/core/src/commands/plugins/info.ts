import { defineCommand, errors } from '@mcpctl/kernel';
import { summarizeProvides } from './list.js';

export const pluginsInfo = defineCommand({
  path: ['plugins', 'info'],
  summary: "Show one plugin's manifest and state",
  description: 'The manifest (what the plugin provides, the API range it needs, its entry and config schema), where it was found, and any problem recorded for it.',
  examples: [['Show the core plugin', 'mcpctl plugins info @mcpctl/plugin-core']],
  positionals: [{ name: 'name', description: 'Package name of the plugin' }],
  async run({ io, kernel, positionals }) {
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
        provides.hooks?.length ? `  taps:        ${provides.hooks.join(', ')}` : undefined,
      ];
      io.print(lines.filter((line) => line !== undefined).join('\n'));
    }
    for (const problem of problems) io.print(`  ${problem.severity} ${problem.code}: ${problem.message}\n    hint: ${problem.hint}`);
    return 0;
  },
});
