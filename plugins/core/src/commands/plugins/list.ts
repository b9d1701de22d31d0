import { defineCommand } from '@mcpctl/kernel';

export const pluginsList = defineCommand({
  path: ['plugins', 'list'],
  summary: 'List discovered plugins',
  description: 'Every plugin found in the built-ins, the config\'s `plugins:` list, the user plugin folder and MCPCTL_PLUGINS, with its source and state. Reads manifests only; no plugin code runs.',
  examples: [
    ['List plugins', 'mcpctl plugins list'],
    ['As JSON, for scripts', 'mcpctl plugins list --json'],
  ],
  async run({ io, kernel }) {
    const records = kernel.plugins.list();
    if (io.json) {
      io.printJson(records.map((record) => ({
        name: record.name, version: record.version, source: record.source, state: record.state, dir: record.dir,
        provides: record.manifest.provides ?? {}, apiVersion: record.manifest.apiVersion,
      })));
      return 0;
    }
    io.printTable(
      records.map((record) => ({ ...record, provides: summarizeProvides(record.manifest.provides) })),
      [
        { key: 'name', header: 'Name' },
        { key: 'version', header: 'Version' },
        { key: 'source', header: 'Source' },
        { key: 'state', header: 'State' },
        { key: 'provides', header: 'Provides' },
      ],
    );
    const problems = kernel.plugins.problems().length;
    if (problems > 0) io.stderr.write(`${problems} problem(s); run \`mcpctl plugins doctor\` for details.\n`);
    return 0;
  },
});

type Provides = NonNullable<import('@mcpctl/kernel').PluginManifest['provides']>;

export function summarizeProvides(provides: Provides | undefined): string {
  if (!provides) return '';
  const parts: string[] = [];
  const names = (label: string, list: Array<{ name: string }> | undefined) => list?.length && parts.push(`${label}: ${list.map((item) => item.name).join(', ')}`);
  names('types', provides.serverTypes);
  names('transports', provides.transports);
  names('auth', provides.authMethods);
  if (provides.commands?.length) parts.push(`${provides.commands.length} command(s)`);
  return parts.join('; ');
}
