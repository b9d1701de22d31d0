import { copyFileSync, constants, unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { defineTool, ToolError, type Tool } from '@mcpctl/toolkit';
import { fsError, FsErrorCode } from '../errors.js';
import { atPath, closeQuietly, fdPath } from '../sandbox/fd.js';
import { copyTree } from '../tree-ops.js';
import { moveIntoPlace, tempNameFor } from '../write-file.js';
import { checkDestination, transferInputSchema, type FsDeps, type TransferInput } from './common.js';

interface Output extends Record<string, unknown> {
  source: string;
  destination: string;
  type: 'file' | 'directory';
  copied: number;
  skipped: number;
  replaced: boolean;
}

export function copyTool(deps: FsDeps): Tool {
  return defineTool<TransferInput, Output>({
    name: 'copy',
    title: 'Copy a file or directory',
    description:
      'Copy a file, or a directory recursively (symlinks and denied entries are left out). Refuses to replace an existing destination unless overwrite: true (files only).',
    tier: 'write',
    inputSchema: transferInputSchema('What to copy', 'Where to (the new path, not its folder)'),
    outputSchema: {
      type: 'object',
      properties: {
        source: { type: 'string' },
        destination: { type: 'string' },
        type: { enum: ['file', 'directory'] },
        copied: { type: 'integer', description: 'Files and directories created' },
        skipped: { type: 'integer', description: 'Symlinks, special files and denied entries left out' },
        replaced: { type: 'boolean' },
      },
      required: ['source', 'destination', 'type', 'copied', 'skipped', 'replaced'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const source = sandbox.resolveExisting(input.source, { needs: 'read', what: 'copy' });
      const target = sandbox.resolve(input.destination, { needs: 'write', what: 'copy', allowMissing: true });
      const isDir = source.stats.isDirectory();
      if (!isDir && !source.stats.isFile()) throw new ToolError(FsErrorCode.NOT_A_FILE, `${input.source} is neither a file nor a directory`);
      checkDestination(target, input, isDir);
      if (isDir && (target.path === source.path || target.path.startsWith(`${source.path}/`))) {
        throw new ToolError(FsErrorCode.CONFLICT, `Cannot copy ${input.source} into itself`);
      }
      const srcFd = sandbox.openRead(source, isDir);
      const dirFd = sandbox.openParentForCreate(target, input.createParents);
      const dir = dirname(target.path);
      const name = basename(target.path);
      try {
        if (isDir) {
          const result = copyTree(sandbox, { fd: srcFd, path: source.path, relative: source.relative }, { parentFd: dirFd, parentPath: dir, name });
          return { source: sandbox.display(source.path), destination: sandbox.display(target.path), type: 'directory', ...result, replaced: false };
        }
        // Copy to a temp name, then move it into place: readers never see half a file.
        const temp = tempNameFor(name);
        copyFileSync(fdPath(srcFd, source.path), atPath(dirFd, dir, temp), constants.COPYFILE_EXCL);
        try {
          moveIntoPlace(dirFd, dir, temp, name, target.stats !== undefined);
        } catch (error) {
          try {
            unlinkSync(atPath(dirFd, dir, temp));
          } catch {
            /* already moved */
          }
          throw error;
        }
        return { source: sandbox.display(source.path), destination: sandbox.display(target.path), type: 'file', copied: 1, skipped: 0, replaced: target.stats !== undefined };
      } catch (error) {
        throw fsError(error, input.destination);
      } finally {
        closeQuietly(srcFd);
        closeQuietly(dirFd);
      }
    },
    render: (o) => `Copied ${o.source} to ${o.destination}${o.type === 'directory' ? ` (${o.copied} entries${o.skipped ? `, ${o.skipped} left out` : ''})` : ''}${o.replaced ? ' (replaced)' : ''}`,
  });
}
