import { mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { defineTool, ToolError, type Tool } from '@mcpctl/toolkit';
import { fsError, FsErrorCode } from '../errors.js';
import { atPath, closeQuietly } from '../sandbox/fd.js';
import { pathProperty, type FsDeps } from './common.js';

interface Output extends Record<string, unknown> {
  path: string;
  created: boolean;
}

export function mkdirTool(deps: FsDeps): Tool {
  return defineTool<{ path: string; parents: boolean }, Output>({
    name: 'mkdir',
    title: 'Create a directory',
    description: 'Create a directory (and missing parents unless parents: false). Succeeds if it already exists.',
    tier: 'write',
    idempotent: true,
    inputSchema: {
      type: 'object',
      properties: { path: pathProperty('The directory to create'), parents: { type: 'boolean', default: true } },
      required: ['path'],
      additionalProperties: false,
    },
    outputSchema: { type: 'object', properties: { path: { type: 'string' }, created: { type: 'boolean' } }, required: ['path', 'created'] },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const target = sandbox.resolve(input.path, { needs: 'write', what: 'mkdir', allowMissing: true });
      if (target.stats) {
        if (!target.stats.isDirectory()) throw new ToolError(FsErrorCode.EXISTS, `${input.path} exists and is not a directory`);
        return { path: sandbox.display(target.path), created: false };
      }
      const dirFd = sandbox.openParentForCreate(target, input.parents);
      try {
        mkdirSync(atPath(dirFd, dirname(target.path), basename(target.path)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fsError(error, input.path);
        return { path: sandbox.display(target.path), created: false };
      } finally {
        closeQuietly(dirFd);
      }
      return { path: sandbox.display(target.path), created: true };
    },
    render: (o) => `${o.created ? 'Created' : 'Exists:'} ${o.path}`,
  });
}
