import { defineTool, type Tool } from '@mcpctl/toolkit';
import { mimeTypeOf } from '../mime.js';
import { entryTypeSchema, pathProperty, typeOf, type EntryType, type FsDeps } from './common.js';

interface Output extends Record<string, unknown> {
  path: string;
  type: EntryType;
  size: number;
  modified: string;
  created: string;
  mode: string;
  mimeType?: string;
}

export function statTool(deps: FsDeps): Tool {
  return defineTool<{ path: string }, Output>({
    name: 'stat',
    title: 'File info',
    description: 'Type, size, times and permissions of a file or directory. A symbolic link is described, not followed.',
    tier: 'read',
    inputSchema: { type: 'object', properties: { path: pathProperty('File or directory') }, required: ['path'], additionalProperties: false },
    outputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        type: entryTypeSchema,
        size: { type: 'integer' },
        modified: { type: 'string', format: 'date-time' },
        created: { type: 'string', format: 'date-time' },
        mode: { type: 'string', description: 'Permission bits, octal' },
        mimeType: { type: 'string' },
      },
      required: ['path', 'type', 'size', 'modified', 'created', 'mode'],
    },
    async handler({ path }, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const resolved = sandbox.resolveExisting(path, { needs: 'read', what: 'stat', noFollowFinal: true });
      const stats = resolved.stats;
      const type = typeOf(stats);
      return {
        path: sandbox.display(resolved.path),
        type,
        size: stats.size,
        modified: stats.mtime.toISOString(),
        created: stats.birthtime.toISOString(),
        mode: (stats.mode & 0o7777).toString(8).padStart(4, '0'),
        ...(type === 'file' ? { mimeType: mimeTypeOf(resolved.path) } : {}),
      };
    },
    render: (o) => `${o.path}: ${o.type}, ${o.size} bytes, modified ${o.modified}, mode ${o.mode}`,
  });
}
