import { isAbsolute, resolve } from 'node:path';
import type { ServerEntry } from '@mcpctl/kernel';
import { invalid, stringArrayField, stringField, stringMapField } from './fields.js';

/** What a `type: stdio` entry asks to run. */
export interface StdioCommand {
  command: string;
  args: string[];
  /** The entry's own variables (merge them over whatever environment the caller gives the child). */
  env: Record<string, string>;
  /** The entry's `cwd`, resolved against `baseDir` when one is given; undefined when the entry has none. */
  cwd: string | undefined;
}

/**
 * Parse the command of a stdio server entry (`command`, `args`, `env`,
 * `cwd`). Throws MCPCTL_ENTRY_INVALID naming the server and the field.
 */
export function stdioCommand(entry: ServerEntry, server: string, options: { baseDir?: string } = {}): StdioCommand {
  if (entry.command === undefined || entry.command === null || entry.command === '') throw invalid(server, 'command', 'a stdio entry needs a `command`');
  const command = stringField(entry, 'command', server, true);
  const cwd = stringField(entry, 'cwd', server);
  return {
    command,
    args: stringArrayField(entry, 'args', server) ?? [],
    env: stringMapField(entry, 'env', server) ?? {},
    cwd: cwd === undefined ? undefined : options.baseDir !== undefined && !isAbsolute(cwd) ? resolve(options.baseDir, cwd) : cwd,
  };
}
