import { createHash } from 'node:crypto';
import { defineTool, ToolError, ToolErrorCode, type Tool } from '@mcpctl/toolkit';
import { FsErrorCode } from '../errors.js';
import { sha256Of } from '../io.js';
import { closeQuietly } from '../sandbox/fd.js';
import { writeAtomic } from '../write-file.js';
import { pathProperty, shaProperty, type FsDeps } from './common.js';

interface Input {
  path: string;
  content: string;
  encoding: 'utf-8' | 'base64';
  createOnly: boolean;
  ifMatchSha256?: string;
  createParents: boolean;
}

interface Output extends Record<string, unknown> {
  path: string;
  bytes: number;
  sha256: string;
  created: boolean;
}

export function writeTool(deps: FsDeps): Tool {
  return defineTool<Input, Output>({
    name: 'write',
    title: 'Write a file',
    description:
      'Create or replace a file atomically (temp file, fsync, rename). createOnly fails if the file exists; ifMatchSha256 replaces only if the current content still has that sha256 (from read_text), so concurrent edits are not lost.',
    tier: 'write',
    idempotent: true,
    inputSchema: {
      type: 'object',
      properties: {
        path: pathProperty('The file to write'),
        content: { type: 'string' },
        encoding: { enum: ['utf-8', 'base64'], default: 'utf-8' },
        createOnly: { type: 'boolean', default: false },
        ifMatchSha256: shaProperty,
        createParents: { type: 'boolean', default: false, description: 'Create missing parent directories' },
      },
      required: ['path', 'content'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { path: { type: 'string' }, bytes: { type: 'integer' }, sha256: shaProperty, created: { type: 'boolean' } },
      required: ['path', 'bytes', 'sha256', 'created'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      if (input.createOnly && input.ifMatchSha256) throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, 'createOnly and ifMatchSha256 cannot be used together');
      const target = sandbox.resolve(input.path, { needs: 'write', what: 'write', allowMissing: true });
      const exists = target.stats !== undefined;
      if (exists && !target.stats?.isFile()) throw new ToolError(FsErrorCode.NOT_A_FILE, `${input.path} exists and is not a file`);
      if (exists && input.createOnly) throw new ToolError(FsErrorCode.EXISTS, `${input.path} already exists`, { hint: 'Drop createOnly to replace it.' });
      if (input.ifMatchSha256) {
        if (!exists) throw new ToolError(FsErrorCode.CONFLICT, `${input.path} does not exist, so it cannot match ifMatchSha256`);
        const fd = sandbox.openRead(target);
        let current: string;
        try {
          current = await sha256Of(fd, ctx.signal);
        } finally {
          closeQuietly(fd);
        }
        if (current !== input.ifMatchSha256) {
          throw new ToolError(FsErrorCode.CONFLICT, `${input.path} changed: its sha256 is ${current}, not ${input.ifMatchSha256}`, {
            hint: 'Read it again (read_text), merge, and retry with the new sha256.',
            details: { sha256: current },
          });
        }
      }
      const data = input.encoding === 'base64' ? Buffer.from(input.content, 'base64') : Buffer.from(input.content, 'utf8');
      writeAtomic(sandbox, target, data, { createOnly: !exists, createParents: input.createParents, mode: target.stats ? target.stats.mode & 0o7777 : undefined });
      return { path: sandbox.display(target.path), bytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), created: !exists };
    },
    render: (o) => `${o.created ? 'Created' : 'Wrote'} ${o.path} (${o.bytes} bytes, sha256 ${o.sha256})`,
  });
}
