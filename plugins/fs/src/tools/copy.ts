import { copyFileSync, constants, linkSync, renameSync, unlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { defineTool, ToolError, type Tool } from '@mcpctl/kernel/toolkit';
import { fsError, FsErrorCode } from '../errors.js';
import { atPath, closeQuietly, fdPath } from '../sandbox/fd.js';
import { copyTree } from '../tree-ops.js';
import { pathProperty, type FsDeps } from './common.js';

interface Input {
  source: string;
  destination: string;
  overwrite: boolean;
  createParents: boolean;
}

interface Output extends Record<string, unknown> {
  source: string;
  destination: string;
  type: 'file' | 'directory';
  copied: number;
  skipped: number;
  replaced: boolean;
}

export function copyTool(deps: FsDeps): Tool {
  return defineTool<Input, Output>({
    name: 'copy',
    title: 'Copy a file or directory',
    description:
      'Copy a file, or a directory recursively (symlinks and denied entries are left out). Refuses to replace an existing destination unless overwrite: true (files only).',
    tier: 'write',
    inputSchema: {
      type: 'object',
      properties: {
        source: pathProperty('What to copy'),
        destination: pathProperty('Where to (the new path, not its folder)'),
        overwrite: { type: 'boolean', default: false },
        createParents: { type: 'boolean', default: false },
      },
      required: ['source', 'destination'],
      additionalProperties: false,
    },
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
      if (target.stats) {
        if (!input.overwrite) throw new ToolError(FsErrorCode.EXISTS, `${input.destination} already exists`, { hint: 'Pass overwrite: true to replace a file.' });
        if (isDir || !target.stats.isFile()) throw new ToolError(FsErrorCode.EXISTS, `${input.destination} exists; overwrite replaces files only`);
      }
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
        const temp = `.${name}.mcpctl-${randomBytes(6).toString('hex')}.tmp`;
        copyFileSync(fdPath(srcFd, source.path), atPath(dirFd, dir, temp), constants.COPYFILE_EXCL);
        try {
          if (target.stats) renameSync(atPath(dirFd, dir, temp), atPath(dirFd, dir, name));
          else {
            // link fails if anything appeared at the name meanwhile: never replace without overwrite.
            linkSync(atPath(dirFd, dir, temp), atPath(dirFd, dir, name));
            unlinkSync(atPath(dirFd, dir, temp));
          }
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
