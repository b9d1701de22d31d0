import { readFile, rename } from 'node:fs/promises';
import { writeFileAtomic } from '@mcpctl/kernel';
import type { ProcessIdentity } from '../process-identity.js';

/** Version of the state file format; a file with a higher one is never overwritten. */
export const STATE_SCHEMA_VERSION = 1;

/** What the daemon persists so that a crashed daemon can be restored. */
export interface DaemonState {
  schemaVersion: number;
  /** How the last daemon ended: "clean" after `daemon stop`, "running" while (or if it died while) running. */
  shutdown: 'clean' | 'running';
  updatedAt: string;
  servers: Record<string, ServerDesiredState>;
}

export interface ServerDesiredState {
  /** Whether the server should be running (restored after a crash). */
  wanted: boolean;
  /** `servers enable|disable` override of the entry's `supervise.enabled`. */
  enabled?: boolean;
  /** The child process last started for it, so a later daemon can reap it if it outlived us. */
  child?: ProcessIdentity;
}

export type StateLoadResult =
  | { kind: 'missing'; state: DaemonState }
  | { kind: 'loaded'; state: DaemonState }
  | { kind: 'moved-aside'; state: DaemonState; reason: string; movedTo: string };

export function emptyState(): DaemonState {
  return { schemaVersion: STATE_SCHEMA_VERSION, shutdown: 'clean', updatedAt: new Date().toISOString(), servers: {} };
}

/**
 * Read the state file. A corrupt file, or one written by a newer mcpctl, is
 * renamed aside (never silently reset) and the caller is told why.
 */
export async function loadState(path: string): Promise<StateLoadResult> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', state: emptyState() };
    throw error;
  }
  const problem = validate(raw);
  if (typeof problem === 'string') {
    const movedTo = `${path}.${problem.startsWith('schema version') ? 'future' : 'corrupt'}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(path, movedTo);
    return { kind: 'moved-aside', state: emptyState(), reason: problem, movedTo };
  }
  return { kind: 'loaded', state: problem };
}

export async function saveState(path: string, state: DaemonState): Promise<void> {
  const next: DaemonState = { ...state, schemaVersion: STATE_SCHEMA_VERSION, updatedAt: new Date().toISOString() };
  await writeFileAtomic(path, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
}

function validate(raw: string): DaemonState | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return `it is not valid JSON (${(error as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a JSON object';
  const record = value as Record<string, unknown>;
  const version = record.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) return 'it has no integer schemaVersion';
  if (version > STATE_SCHEMA_VERSION) return `schema version ${version} is newer than this mcpctl understands (${STATE_SCHEMA_VERSION})`;
  if (version < 1) return `schema version ${version} is unknown`;
  if (record.shutdown !== 'clean' && record.shutdown !== 'running') return 'its "shutdown" field is neither "clean" nor "running"';
  const servers = record.servers;
  if (typeof servers !== 'object' || servers === null || Array.isArray(servers)) return 'its "servers" field is not an object';
  for (const [name, entry] of Object.entries(servers)) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as ServerDesiredState).wanted !== 'boolean') {
      return `server "${name}" has no boolean "wanted"`;
    }
  }
  return record as unknown as DaemonState;
}
