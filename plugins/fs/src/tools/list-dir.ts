import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { cursorScope, decodeOffset, defineTool, offsetCursor, pageInputProperties, pageLimit, pageOutputProperties, type Tool } from '@mcpctl/toolkit';
import { atPath, closeQuietly, fdPath } from '../sandbox/fd.js';
import { entryTypeSchema, optionalPathProperty, resolveDirectory, typeOf, type EntryType, type FsDeps } from './common.js';

const LIMITS = { defaultLimit: 200, maxLimit: 2000 };

interface Input {
  path: string;
  cursor?: string;
  limit?: number;
}

interface Entry {
  name: string;
  type: EntryType;
  size?: number;
}

interface Output extends Record<string, unknown> {
  path: string;
  entries: Entry[];
  total: number;
  nextCursor?: string;
  truncated: boolean;
}

export function listDirTool(deps: FsDeps): Tool {
  return defineTool<Input, Output>({
    name: 'list_dir',
    title: 'List a directory',
    description: 'The entries of one directory, sorted by name, with types and sizes (paged). Denied entries are not shown.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: { path: optionalPathProperty, ...pageInputProperties(LIMITS) },
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        entries: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' }, type: entryTypeSchema, size: { type: 'integer' } }, required: ['name', 'type'] },
        },
        total: { type: 'integer', description: 'Entries in the directory (all pages)' },
        ...pageOutputProperties,
      },
      required: ['path', 'entries', 'total', 'truncated'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const resolved = resolveDirectory(sandbox, input.path, 'list_dir', 'Use stat or read_text for a file.');
      const scope = cursorScope({ path: resolved.path });
      const offset = decodeOffset(input.cursor, scope);
      const limit = pageLimit(input, LIMITS);
      const fd = sandbox.openRead(resolved, true);
      try {
        const deny = deps.options.deny;
        const dirents = readdirSync(fdPath(fd, resolved.path), { withFileTypes: true })
          .filter((d: Dirent) => !deny.deniesEntry(resolved.relative === '' ? d.name : `${resolved.relative}/${d.name}`, d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'unknown' : 'file'))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const entries: Entry[] = [];
        let next = offset;
        for (const dirent of dirents.slice(offset, offset + limit)) {
          const stats = lstatSync(atPath(fd, resolved.path, dirent.name), { throwIfNoEntry: false });
          if (!stats) {
            next++;
            continue; // removed since readdir
          }
          const entry: Entry = { name: dirent.name, type: typeOf(stats), ...(stats.isFile() ? { size: stats.size } : {}) };
          if (!ctx.budget.takeJson(entry)) break;
          entries.push(entry);
          next++;
        }
        const more = next < dirents.length;
        return {
          path: sandbox.display(resolved.path),
          entries,
          total: dirents.length,
          ...(more ? { nextCursor: offsetCursor(next, scope) } : {}),
          truncated: more,
        };
      } finally {
        closeQuietly(fd);
      }
    },
    render: (o) =>
      [
        ...o.entries.map((e) => `${e.type === 'directory' ? 'd' : e.type === 'symlink' ? 'l' : e.type === 'file' ? '-' : '?'} ${String(e.size ?? '').padStart(10)} ${e.name}${e.type === 'directory' ? '/' : ''}`),
        ...(o.truncated ? [`… more of ${o.total} entries (pass nextCursor)`] : []),
      ].join('\n'),
  });
}
