import type { CommandIO, KernelServices } from '@mcpctl/kernel';
import { apiVersionSatisfies } from '@mcpctl/kernel/plugins';
import semver from 'semver';
import { fetchPackument, type Packument } from '../../registry/packument.js';
import { openSession, type InstallSession, type SessionOptions } from '../../session.js';
import { InstallRecord, type InstallRecordEntry } from '../../store/install-record.js';

export interface OutdatedRow {
  name: string;
  current: string;
  range: string;
  /** Newest version the range allows whose apiVersion fits this mcpctl. */
  wanted: string;
  latest: string;
  /** Whether `latest` fits this mcpctl's plugin API (if not, `update --latest` refuses). */
  latestFits: boolean;
  outdated: boolean;
}

export async function runOutdated(input: { io: CommandIO; kernel: KernelServices; options: SessionOptions }): Promise<number> {
  const session = openSession(input.kernel, input.io, input.options, {});
  const record = await InstallRecord.read(session.folder.record);
  const rows = await Promise.all(record.list().filter((entry) => entry.type === 'registry').map((entry) => outdatedRow(session, entry)));
  if (input.io.json) {
    input.io.printJson({ plugins: rows });
    return 0;
  }
  const stale = rows.filter((row) => row.outdated);
  if (stale.length === 0) {
    input.io.print(rows.length === 0 ? 'No plugins installed from a registry.' : `All ${rows.length} installed plugin(s) are up to date.`);
    return 0;
  }
  input.io.printTable(stale.map((row) => ({ ...row, latest: row.latestFits ? row.latest : `${row.latest} (needs another plugin API)` })) as unknown as Array<Record<string, unknown>>, [
    { key: 'name', header: 'Plugin' },
    { key: 'current', header: 'Current' },
    { key: 'wanted', header: 'Wanted' },
    { key: 'latest', header: 'Latest' },
    { key: 'range', header: 'Range' },
  ]);
  return 0;
}

export async function outdatedRow(session: InstallSession, entry: InstallRecordEntry): Promise<OutdatedRow> {
  const packument = await fetchPackument(entry.name, session.registry);
  const range = entry.range ?? `^${entry.version}`;
  const wanted = newestFitting(packument, range, session.kernel.apiVersion) ?? entry.version;
  const latest = packument['dist-tags'].latest ?? wanted;
  return {
    name: entry.name,
    current: entry.version,
    range,
    wanted,
    latest,
    latestFits: fits(packument, latest, session.kernel.apiVersion),
    outdated: semver.gt(wanted, entry.version) || semver.gt(latest, entry.version),
  };
}

/** The newest version in range whose manifest accepts this plugin API. */
export function newestFitting(packument: Packument, range: string, apiVersion: string): string | undefined {
  const candidates = Object.keys(packument.versions).filter((version) => semver.satisfies(version, range) && fits(packument, version, apiVersion));
  return semver.maxSatisfying(candidates, '*') ?? undefined;
}

export function fits(packument: Packument, version: string, apiVersion: string): boolean {
  const api = (packument.versions[version]?.mcpctl as { apiVersion?: unknown } | undefined)?.apiVersion;
  return typeof api === 'string' && apiVersionSatisfies(api, apiVersion).ok;
}
