import { unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { defineTool, ToolError, type Tool } from '@mcpctl/toolkit';
import { fsError, FsErrorCode } from '../errors.js';
import { atPath, closeQuietly } from '../sandbox/fd.js';
import { removeTree, scanTree } from '../tree-ops.js';
import { pathProperty, typeOf, type FsDeps } from './common.js';

interface Output extends Record<string, unknown> {
  path: string;
  type: string;
  removed: number;
}

export function deleteTool(deps: FsDeps): Tool {
  return defineTool<{ path: string; recursive: boolean }, Output>({
    name: 'delete',
    title: 'Delete',
    description: 'Delete a file or symlink (the link, not its target); a directory only with recursive: true. Roots cannot be deleted; a tree holding a denied path is refused.',
    tier: 'destructive',
    idempotent: false,
    inputSchema: {
      type: 'object',
      properties: { path: pathProperty('What to delete'), recursive: { type: 'boolean', default: false } },
      required: ['path'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { path: { type: 'string' }, type: { type: 'string' }, removed: { type: 'integer', description: 'Entries removed' } },
      required: ['path', 'type', 'removed'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const target = sandbox.resolveExisting(input.path, { needs: 'destructive', what: 'delete', noFollowFinal: true });
      if (target.relative === '') throw new ToolError(FsErrorCode.CONFLICT, `${input.path} is a root; roots cannot be deleted`);
      const type = typeOf(target.stats);
      if (type === 'directory') {
        if (!input.recursive) {
          throw new ToolError(FsErrorCode.NOT_A_FILE, `${input.path} is a directory`, { hint: 'Pass recursive: true to delete a directory and everything in it.' });
        }
        await scanTree(sandbox, target, ctx.signal, 'Cannot delete');
      }
      const dirFd = sandbox.openParentForCreate(target, false);
      const dir = dirname(target.path);
      const name = basename(target.path);
      let removed = 1;
      try {
        if (type === 'directory') removed = removeTree(dirFd, dir, name);
        else unlinkSync(atPath(dirFd, dir, name));
      } catch (error) {
        throw fsError(error, input.path);
      } finally {
        closeQuietly(dirFd);
      }
      return { path: sandbox.display(target.path), type, removed };
    },
    render: (o) => `Deleted ${o.path} (${o.type}${o.removed > 1 ? `, ${o.removed} entries` : ''})`,
  });
}
