import { linkSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { defineTool, ToolError, type Tool } from '@mcpctl/toolkit';
import { fsError, FsErrorCode } from '../errors.js';
import { atPath, closeQuietly } from '../sandbox/fd.js';
import { scanTree } from '../tree-ops.js';
import { checkDestination, transferInputSchema, typeOf, type FsDeps, type TransferInput } from './common.js';

interface Output extends Record<string, unknown> {
  source: string;
  destination: string;
  type: string;
  replaced: boolean;
}

export function moveTool(deps: FsDeps): Tool {
  return defineTool<TransferInput, Output>({
    name: 'move',
    title: 'Move or rename',
    description:
      'Move or rename a file, directory or symlink (the link itself). Refuses to replace an existing destination unless overwrite: true (files only). Within one filesystem.',
    tier: 'write',
    inputSchema: transferInputSchema('What to move', 'The new path (not its folder)'),
    outputSchema: {
      type: 'object',
      properties: { source: { type: 'string' }, destination: { type: 'string' }, type: { type: 'string' }, replaced: { type: 'boolean' } },
      required: ['source', 'destination', 'type', 'replaced'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const source = sandbox.resolveExisting(input.source, { needs: 'write', what: 'move', noFollowFinal: true });
      if (source.relative === '') throw new ToolError(FsErrorCode.CONFLICT, `${input.source} is a root; roots cannot be moved`);
      const target = sandbox.resolve(input.destination, { needs: 'write', what: 'move', allowMissing: true, noFollowFinal: true });
      const type = typeOf(source.stats);
      checkDestination(target, input, type === 'directory');
      if (type === 'directory') {
        if (target.path.startsWith(`${source.path}/`)) throw new ToolError(FsErrorCode.CONFLICT, `Cannot move ${input.source} into itself`);
        // Renaming a directory moves whatever is inside: refuse if that includes a denied path.
        await scanTree(sandbox, source, ctx.signal, 'Cannot move');
      }
      const srcDirFd = sandbox.openParentForCreate(source, false);
      const dstDirFd = sandbox.openParentForCreate(target, input.createParents);
      const from = atPath(srcDirFd, dirname(source.path), basename(source.path));
      const to = atPath(dstDirFd, dirname(target.path), basename(target.path));
      try {
        if (target.stats || type === 'directory') renameSync(from, to);
        else {
          // link + unlink: fails, rather than replaces, if something appeared at the destination.
          linkSync(from, to);
          unlinkSync(from);
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EXDEV') throw new ToolError(FsErrorCode.IO, `${input.source} and ${input.destination} are on different filesystems`, { hint: 'Copy, then delete the source.' });
        throw fsError(error, code === 'ENOENT' ? input.source : input.destination);
      } finally {
        closeQuietly(srcDirFd);
        closeQuietly(dstDirFd);
      }
      return { source: sandbox.display(source.path), destination: sandbox.display(target.path), type, replaced: target.stats !== undefined };
    },
    render: (o) => `Moved ${o.source} to ${o.destination}${o.replaced ? ' (replaced)' : ''}`,
  });
}
