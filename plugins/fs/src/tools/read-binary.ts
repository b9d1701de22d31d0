import { pathToFileURL } from 'node:url';
import { defineTool, ToolError, type Tool } from '@mcpctl/toolkit';
import { FsErrorCode } from '../errors.js';
import { mimeTypeOf } from '../mime.js';
import { readSlice } from '../read-file.js';
import { closeQuietly } from '../sandbox/fd.js';
import { pathProperty, shaProperty, type FsDeps } from './common.js';

interface Input {
  path: string;
  offset: number;
  length?: number;
}

interface Output extends Record<string, unknown> {
  path: string;
  size: number;
  mimeType: string;
  sha256: string;
  offset: number;
  length: number;
  base64?: string;
  resourceUri?: string;
  truncated: boolean;
}

export function readBinaryTool(deps: FsDeps): Tool {
  return defineTool<Input, Output>({
    name: 'read_binary',
    title: 'Read a binary file',
    description:
      'Read bytes of any file as base64 (offset/length for a range). A file too large to inline comes back as a resource link (resourceUri, readable with resources/read) instead; ask for a range to get bytes inline.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        path: pathProperty('The file'),
        offset: { type: 'integer', minimum: 0, default: 0 },
        length: { type: 'integer', minimum: 0 },
      },
      required: ['path'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        size: { type: 'integer' },
        mimeType: { type: 'string' },
        sha256: shaProperty,
        offset: { type: 'integer' },
        length: { type: 'integer', description: 'Bytes returned inline' },
        base64: { type: 'string' },
        resourceUri: { type: 'string', description: 'A file:// resource for the whole file, when it was too large to inline' },
        truncated: { type: 'boolean', description: 'Fewer bytes than asked came back inline' },
      },
      required: ['path', 'size', 'mimeType', 'sha256', 'offset', 'length', 'truncated'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const resolved = sandbox.resolveExisting(input.path, { needs: 'read', what: 'read_binary' });
      if (!resolved.stats.isFile()) throw new ToolError(FsErrorCode.NOT_A_FILE, `${input.path} is not a file`);
      // base64 is 4/3 the size: inline what fits the budget once encoded.
      const inlineCap = Math.min(deps.options.maxReadBytes, Math.floor((ctx.budget.remaining - 1024) * 0.74));
      const wanted = Math.max(0, Math.min(input.length ?? Infinity, resolved.stats.size - input.offset));
      const link = input.length === undefined && input.offset === 0 && wanted > inlineCap;
      const fd = sandbox.openRead(resolved);
      try {
        const read = await readSlice(fd, { kind: 'bytes', offset: input.offset, length: link ? 0 : (input.length ?? Number.MAX_SAFE_INTEGER) }, link ? 0 : inlineCap, ctx.signal, resolved.stats.size);
        const mimeType = mimeTypeOf(resolved.path, true);
        const base = { path: sandbox.display(resolved.path), size: read.size, mimeType, sha256: read.sha256, offset: input.offset };
        if (link) return { ...base, length: 0, resourceUri: pathToFileURL(resolved.path).href, truncated: true };
        const base64 = read.bytes.toString('base64');
        ctx.budget.takeText(base64);
        return { ...base, length: read.bytes.length, base64, truncated: read.cut };
      } finally {
        closeQuietly(fd);
      }
    },
    render: (o) =>
      o.resourceUri
        ? `${o.path}: ${o.size} bytes (${o.mimeType}), too large to inline: read ${o.resourceUri} or pass offset/length`
        : `${o.path}: ${o.length} bytes from offset ${o.offset} of ${o.size} (${o.mimeType}); the bytes are in structuredContent.base64`,
    content: (o) => (o.resourceUri ? [{ type: 'resource_link', uri: o.resourceUri, name: o.path, mimeType: o.mimeType, size: o.size }] : []),
  });
}
