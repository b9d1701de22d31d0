import type { Stats } from 'node:fs';
import { ToolError, type ObjectSchema, type ToolContext } from '@mcpctl/toolkit';
import type { JsonSchema } from '@mcpctl/kernel';
import { FsErrorCode } from '../errors.js';
import type { FsOptions } from '../options.js';
import type { Resolved, Sandbox } from '../sandbox/sandbox.js';

/** What every fs tool is built with. */
export interface FsDeps {
  options: FsOptions;
  /** The sandbox for this call: the configured roots narrowed by the client's roots. */
  sandbox(ctx: ToolContext): Promise<Sandbox>;
}

const ENTRY_TYPES = ['file', 'directory', 'symlink', 'other'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export const pathProperty = (description: string): JsonSchema => ({ type: 'string', minLength: 1, description });

export const optionalPathProperty: JsonSchema = {
  type: 'string',
  minLength: 1,
  default: '.',
  description: 'A directory: relative to the first root, or absolute inside a root (default: the first root).',
};

export const entryTypeSchema: JsonSchema = { enum: [...ENTRY_TYPES] };

export const excludeProperty: JsonSchema = {
  type: 'array',
  items: { type: 'string', minLength: 1 },
  maxItems: 100,
  default: [],
  description: 'Globs to skip (gitignore-style, relative to `path`); a skipped directory is not entered.',
};

export const shaProperty: { [keyword: string]: unknown } = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the whole file, hex.' };

export function typeOf(stats: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryType {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  return 'other';
}

/** A listing tool's `path`: checked for reading, and required to be a directory. */
export function resolveDirectory(sandbox: Sandbox, path: string, what: string, hint?: string): Resolved & { stats: Stats } {
  const resolved = sandbox.resolveExisting(path, { needs: 'read', what });
  if (!resolved.stats.isDirectory()) throw new ToolError(FsErrorCode.NOT_A_DIRECTORY, `${path} is not a directory`, { hint });
  return resolved;
}

/** The input of copy and move: a source, a destination path, and how to treat what is in the way. */
export interface TransferInput {
  source: string;
  destination: string;
  overwrite: boolean;
  createParents: boolean;
}

export function transferInputSchema(source: string, destination: string): ObjectSchema {
  return {
    type: 'object',
    properties: {
      source: pathProperty(source),
      destination: pathProperty(destination),
      overwrite: { type: 'boolean', default: false },
      createParents: { type: 'boolean', default: false },
    },
    required: ['source', 'destination'],
    additionalProperties: false,
  };
}

/** Refuse an existing destination unless overwrite is set, and then only a file replacing a file. */
export function checkDestination(target: Resolved, input: TransferInput, sourceIsDirectory: boolean): void {
  if (!target.stats) return;
  if (!input.overwrite) throw new ToolError(FsErrorCode.EXISTS, `${input.destination} already exists`, { hint: 'Pass overwrite: true to replace a file.' });
  if (sourceIsDirectory || !target.stats.isFile()) throw new ToolError(FsErrorCode.EXISTS, `${input.destination} exists; overwrite replaces files only`);
}
