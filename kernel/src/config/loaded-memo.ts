import type { LoadedConfig } from '../interfaces/config.js';
import { fileStamp } from '../plugins/file-stamp.js';
import { formatOf } from './read-config-file.js';

const LIMIT = 16;
const remembered = new Map<string, LoadedConfig>();

export interface MemoInputs {
  filepath: string;
  cwd: string;
  profile: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Identifies the plugin set (it decides the composed schema). */
  plugins: string;
}

/**
 * Configs this process loaded and validated, by everything that decides
 * the result: the file (path, mtime, size), cwd, profile, environment (for
 * `${env:…}`) and plugin set. A long-lived host (the daemon running client
 * commands) loads the same config for every invocation; one-shot commands
 * never ask twice. Undefined when the file is code or cannot be stat'ed.
 */
export function memoKeyFor(inputs: MemoInputs): string | undefined {
  // Module configs run code that may read other files: their result is not remembered.
  const format = formatOf(inputs.filepath);
  if (format === 'js' || format === 'ts') return undefined;
  const stamp = fileStamp(inputs.filepath);
  if (stamp === '-') return undefined;
  return JSON.stringify([inputs.filepath, stamp, inputs.cwd, inputs.profile ?? null, inputs.plugins, Object.entries(inputs.env)]);
}

/** A copy, so a caller that changes it does not change the next one's. */
export function recall(key: string): LoadedConfig | undefined {
  const found = remembered.get(key);
  return found ? structuredClone(found) : undefined;
}

export function remember(key: string, loaded: LoadedConfig): void {
  if (remembered.size >= LIMIT) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, structuredClone(loaded));
}
