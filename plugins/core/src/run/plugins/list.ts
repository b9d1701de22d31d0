import type { CommandRunContext } from '@mcpctl/kernel';

export async function runPluginsList({ io, kernel }: CommandRunContext): Promise<number> {
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
}

type Provides = NonNullable<import('@mcpctl/kernel').PluginManifest['provides']>;

export function summarizeProvides(provides: Provides | undefined): string {
  if (!provides) return '';
  const parts: string[] = [];
  const names = (label: string, list: Array<{ name: string }> | undefined) => list?.length && parts.push(`${label}: ${list.map((item) => item.name).join(', ')}`);
  names('types', provides.serverTypes);
  names('transports', provides.transports);
  names('client auth', provides.clientAuth);
  names('verifiers', provides.verifiers);
  if (provides.hooks?.length) parts.push(`hooks: ${provides.hooks.map((hook) => hook.name).join(', ')}`);
  if (provides.commands?.length) parts.push(`${provides.commands.length} command(s)`);
  return parts.join('; ');
}
