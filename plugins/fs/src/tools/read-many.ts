import { defineTool, type Tool } from '@mcpctl/kernel/toolkit';
import { fsError, FsErrorCode } from '../errors.js';
import { decodeUtf8, readSlice } from '../read-file.js';
import { closeQuietly } from '../sandbox/fd.js';
import { toToolError } from '@mcpctl/kernel/toolkit';
import { shaProperty, type FsDeps } from './common.js';

interface Input {
  paths: string[];
  maxBytesPerFile?: number;
}

interface FileResult {
  path: string;
  text?: string;
  size?: number;
  sha256?: string;
  truncated?: boolean;
  error?: { code: string; message: string };
}

interface Output extends Record<string, unknown> {
  files: FileResult[];
  truncated: boolean;
}

export function readManyTool(deps: FsDeps): Tool {
  return defineTool<Input, Output>({
    name: 'read_many',
    title: 'Read several text files',
    description:
      'Read several UTF-8 text files in one call, sharing one byte budget (files past it come back truncated or empty). A file that cannot be read gets an error entry; the others are still returned.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        paths: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 500 },
        maxBytesPerFile: { type: 'integer', minimum: 1 },
      },
      required: ['paths'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        files: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              path: { type: 'string' },
              text: { type: 'string' },
              size: { type: 'integer' },
              sha256: shaProperty,
              truncated: { type: 'boolean' },
              error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] },
            },
            required: ['path'],
          },
        },
        truncated: { type: 'boolean', description: 'Some file was cut or skipped by the budget' },
      },
      required: ['files', 'truncated'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const files: FileResult[] = [];
      let truncated = false;
      for (const [index, path] of input.paths.entries()) {
        let fd: number | undefined;
        try {
          const resolved = sandbox.resolveExisting(path, { needs: 'read', what: 'read_many' });
          if (!resolved.stats.isFile()) throw fsError(Object.assign(new Error('dir'), { code: 'EISDIR' }), path);
          fd = sandbox.openRead(resolved);
          const cap = Math.max(0, Math.min(input.maxBytesPerFile ?? Infinity, deps.options.maxReadBytes, ctx.budget.remaining - 256));
          const read = await readSlice(fd, { kind: 'bytes', offset: 0, length: Number.MAX_SAFE_INTEGER }, cap, ctx.signal, resolved.stats.size);
          if (read.binary) {
            files.push({ path, size: read.size, error: { code: FsErrorCode.NOT_A_FILE, message: 'looks binary; use read_binary' } });
            continue;
          }
          const text = decodeUtf8(read.bytes);
          ctx.budget.takeText(text);
          truncated ||= read.cut;
          files.push({ path, text, size: read.size, sha256: read.sha256, truncated: read.cut });
        } catch (error) {
          const failure = toToolError(error);
          files.push({ path, error: { code: failure.code, message: failure.message } });
        } finally {
          if (fd !== undefined) closeQuietly(fd);
        }
        ctx.budget.takeJson(files.at(-1));
        ctx.progress(index + 1, input.paths.length);
      }
      return { files, truncated };
    },
    render: (o) =>
      o.files
        .map((f) => (f.error ? `==> ${f.path} <== (error: ${f.error.message})` : `==> ${f.path} <==\n${f.text ?? ''}${f.truncated ? '\n… (truncated)' : ''}`))
        .join('\n\n'),
  });
}
