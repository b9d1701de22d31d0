import type { UnitSnapshot } from '../supervisor/server-unit.js';
import { formatDuration } from '../supervisor/duration.js';

/** One `servers list` row, for humans. */
export function serverRow(server: UnitSnapshot): Record<string, unknown> {
  return {
    name: server.name,
    type: server.type,
    state: server.state + (server.enabled ? '' : ' (disabled)'),
    pid: server.pid ?? '-',
    uptime: server.uptimeMs !== undefined ? formatDuration(server.uptimeMs) : '-',
    restarts: server.restarts,
    lastExit: server.lastExit ? describeExit(server.lastExit) : '-',
    health: server.health,
  };
}

export const SERVER_COLUMNS = [
  { key: 'name', header: 'NAME' },
  { key: 'type', header: 'TYPE' },
  { key: 'state', header: 'STATE' },
  { key: 'pid', header: 'PID' },
  { key: 'uptime', header: 'UPTIME' },
  { key: 'restarts', header: 'RESTARTS' },
  { key: 'lastExit', header: 'LAST EXIT' },
  { key: 'health', header: 'HEALTH' },
] as const;

export function describeExit(exit: NonNullable<UnitSnapshot['lastExit']>): string {
  const how = exit.signal ? exit.signal : `code ${exit.code ?? '-'}`;
  const ago = formatDuration(Date.now() - Date.parse(exit.at));
  return `${how}${exit.reason ? ` (${exit.reason})` : ''}, ${ago} ago`;
}

/** `servers status` for humans: aligned key/value lines. */
export function serverDetail(server: UnitSnapshot): string {
  const lines: Array<[string, string]> = [
    ['name', server.name],
    ['type', `${server.type} (${server.mode === 'spawn' ? 'supervised child' : server.mode === 'connect' ? 'watched, not spawned' : 'cannot run'})`],
    ['state', server.state],
    ['wanted', String(server.wanted)],
    ['enabled', String(server.enabled)],
    ['start', server.start],
    ['restart', server.restartPolicy],
    ['pid', server.pid !== undefined ? String(server.pid) : '-'],
    ['uptime', server.uptimeMs !== undefined ? formatDuration(server.uptimeMs) : '-'],
    ['restarts', String(server.restarts)],
    ['calls', `${server.calls} (${server.inFlight} in flight)`],
    ['health', server.health + (server.lastHealth ? ` (last ${server.lastHealth.error ?? `${server.lastHealth.ms}ms`})` : '')],
    ['last exit', server.lastExit ? describeExit(server.lastExit) : '-'],
  ];
  if (server.nextRestartAt) lines.push(['next restart', `in ${formatDuration(Math.max(0, Date.parse(server.nextRestartAt) - Date.now()))}`]);
  if (server.session) lines.push(['server', `${server.session.serverInfo.name} ${server.session.serverInfo.version} (protocol ${server.session.protocolVersion})`]);
  if (server.log) lines.push(['log', server.log]);
  if (server.failure) lines.push(['failure', server.failure.reason]);
  const text = alignedPairs(lines);
  if (server.failure?.lastLines.length) text.push('last log lines:', ...server.failure.lastLines.map((line) => `  ${line}`));
  return text.join('\n');
}

/** `key  value` lines with the values in one column. */
export function alignedPairs(pairs: ReadonlyArray<readonly [string, unknown]>): string[] {
  const width = Math.max(...pairs.map(([key]) => key.length));
  return pairs.map(([key, value]) => `${key.padEnd(width)}  ${String(value)}`);
}
