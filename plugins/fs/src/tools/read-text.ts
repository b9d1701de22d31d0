import { defineTool, ToolError, ToolErrorCode, type Tool } from '@mcpctl/toolkit';
import { FsErrorCode } from '../errors.js';
import { mimeTypeOf } from '../mime.js';
import { decodeUtf8, readSlice, type Slice } from '../read-file.js';
import { closeQuietly } from '../sandbox/fd.js';
import { pathProperty, shaProperty, type FsDeps } from './common.js';

interface Input {
  path: string;
  startLine?: number;
  endLine?: number;
  offset?: number;
  length?: number;
  maxBytes?: number;
}

interface Output extends Record<string, unknown> {
  path: string;
  text: string;
  size: number;
  sha256: string;
  mimeType: string;
  totalLines: number;
  startLine?: number;
  endLine?: number;
  offset?: number;
  truncated: boolean;
  nextLine?: number;
  nextOffset?: number;
}

export function readTextTool(deps: FsDeps): Tool {
  return defineTool<Input, Output>({
    name: 'read_text',
    title: 'Read a text file',
    description:
      'Read a UTF-8 text file, whole or a range: lines (startLine/endLine, 1-based, inclusive) or bytes (offset/length). Capped at maxBytes (and the server\'s maxReadBytes); says whether it was cut and where to continue. Returns the sha256 of the whole file (for write ifMatchSha256).',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        path: pathProperty('The file'),
        startLine: { type: 'integer', minimum: 1 },
        endLine: { type: 'integer', minimum: 1 },
        offset: { type: 'integer', minimum: 0, description: 'Byte offset (not with startLine/endLine)' },
        length: { type: 'integer', minimum: 0, description: 'Bytes from offset' },
        maxBytes: { type: 'integer', minimum: 1, description: 'Cap on the bytes returned' },
      },
      required: ['path'],
      additionalProperties: false,
      not: { anyOf: [{ required: ['offset', 'startLine'] }, { required: ['offset', 'endLine'] }, { required: ['length', 'startLine'] }, { required: ['length', 'endLine'] }] },
    },
    outputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        text: { type: 'string' },
        size: { type: 'integer' },
        sha256: shaProperty,
        mimeType: { type: 'string' },
        totalLines: { type: 'integer' },
        startLine: { type: 'integer' },
        endLine: { type: 'integer' },
        offset: { type: 'integer' },
        truncated: { type: 'boolean', description: 'The range went on beyond the byte cap' },
        nextLine: { type: 'integer', description: 'Line to continue from, when truncated (line mode)' },
        nextOffset: { type: 'integer', description: 'Byte offset to continue from, when truncated' },
      },
      required: ['path', 'text', 'size', 'sha256', 'mimeType', 'totalLines', 'truncated'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const resolved = sandbox.resolveExisting(input.path, { needs: 'read', what: 'read_text' });
      if (!resolved.stats.isFile()) throw new ToolError(FsErrorCode.NOT_A_FILE, `${input.path} is not a file`, { hint: 'Use list_dir for a directory.' });
      if (input.startLine !== undefined && input.endLine !== undefined && input.endLine < input.startLine) {
        throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, 'endLine must not be before startLine');
      }
      const cap = Math.min(input.maxBytes ?? Infinity, deps.options.maxReadBytes, ctx.budget.remaining);
      const lineMode = input.startLine !== undefined || input.endLine !== undefined;
      const slice: Slice = lineMode
        ? { kind: 'lines', start: input.startLine ?? 1, end: input.endLine ?? Number.MAX_SAFE_INTEGER }
        : { kind: 'bytes', offset: input.offset ?? 0, length: input.length ?? Number.MAX_SAFE_INTEGER };
      const fd = sandbox.openRead(resolved);
      try {
        const read = await readSlice(fd, slice, cap, ctx.signal, resolved.stats.size);
        if (read.binary) {
          throw new ToolError(FsErrorCode.NOT_A_FILE, `${input.path} looks binary (it has NUL bytes)`, { hint: 'Use read_binary for binary files.' });
        }
        if (slice.kind === 'lines' && read.cut && read.bytes.length === 0) {
          throw new ToolError(ToolErrorCode.RESULT_TOO_LARGE, `Line ${slice.start} of ${input.path} is longer than the byte cap (${cap} bytes)`, { hint: 'Read it with offset/length instead.' });
        }
        const text = decodeUtf8(read.bytes);
        ctx.budget.takeText(text);
        const output: Output = {
          path: sandbox.display(resolved.path),
          text,
          size: read.size,
          sha256: read.sha256,
          mimeType: mimeTypeOf(resolved.path),
          totalLines: read.totalLines,
          truncated: read.cut,
        };
        if (slice.kind === 'lines') {
          output.startLine = slice.start;
          if ((read.lastLine ?? 0) >= slice.start) output.endLine = read.lastLine;
          if (read.cut) output.nextLine = Math.max(read.lastLine ?? 0, slice.start - 1) + 1;
        } else {
          output.offset = slice.offset;
          if (read.cut) output.nextOffset = slice.offset + Buffer.byteLength(text, 'utf8');
        }
        return output;
      } finally {
        closeQuietly(fd);
      }
    },
    render: (o) => (o.truncated ? `${o.text}\n… (truncated; continue with ${o.nextLine !== undefined ? `startLine: ${o.nextLine}` : `offset: ${o.nextOffset}`})` : o.text),
  });
}
