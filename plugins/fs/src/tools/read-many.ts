import { defineTool, toToolError, withContent, type ExtraContent, type Tool } from '@mcpctl/toolkit';
import { FsErrorCode } from '../errors.js';
import { decodeUtf8, readWhole, readWholeSmall } from '../read-file.js';
import { closeQuietly } from '../sandbox/fd.js';
import { shaProperty, type FsDeps } from './common.js';

interface Input {
  paths: string[];
  maxBytesPerFile?: number;
}

interface FileResult {
  path: string;
  size?: number;
  sha256?: string;
  truncated?: boolean;
  error?: { code: string; message: string };
}

interface Output extends Record<string, unknown> {
  files: FileResult[];
  truncated: boolean;
}

/** A file's block: a header naming it (and saying when it was cut), then its text exactly. */
function block(file: FileResult, text: string): string {
  if (file.error) return `==> ${file.path} <== error: ${file.error.message}`;
  if (file.truncated) return `==> ${file.path} <== (first ${Buffer.byteLength(text)} of ${file.size} bytes)\n${text}`;
  return `==> ${file.path} <==\n${text}`;
}

export function readManyTool(deps: FsDeps): Tool {
  return defineTool<Input, Output>({
    name: 'read_many',
    title: 'Read several text files',
    description:
      'Read several UTF-8 text files in one call, sharing one byte budget (files past it come back truncated or empty). A file that cannot be read gets an error entry; the others are still returned. ' +
      'The result has one text block per path, in the order given, after a one-line summary: a header line "==> path <==" and then the file\'s text. structuredContent lists each file\'s size, sha256, truncation or error.',
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
          description: 'One entry per path, in the order given; files[i]\'s text is content block i + 1 (after the header line).',
          items: {
            type: 'object',
            properties: {
              path: { type: 'string', description: 'As given.' },
              size: { type: 'integer', description: 'Bytes in the whole file.' },
              sha256: shaProperty,
              truncated: { type: 'boolean', description: 'Only the start of the file was returned (maxBytesPerFile, maxReadBytes or the byte budget).' },
              error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] },
            },
            required: ['path'],
            additionalProperties: false,
          },
        },
        truncated: { type: 'boolean', description: 'Some file was cut or skipped by the budget' },
      },
      required: ['files', 'truncated'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const files: FileResult[] = [];
      const blocks: ExtraContent[] = [];
      let truncated = false;
      // One file after another, with synchronous system calls: the files are small and usually
      // cached, where each trip through libuv's thread pool would cost more than the call itself.
      for (const [index, path] of input.paths.entries()) {
        let file: FileResult;
        let text = '';
        let fd: number | undefined;
        try {
          const opened = sandbox.openFile(path, { needs: 'read', what: 'read_many' });
          fd = opened.fd;
          const cap = Math.max(0, Math.min(input.maxBytesPerFile ?? Infinity, deps.options.maxReadBytes, ctx.budget.remaining - 256));
          const size = opened.resolved.stats.size;
          const read = readWholeSmall(fd, cap, size) ?? (await readWhole(fd, cap, ctx.signal, size));
          if (read.binary) file = { path, size: read.size, error: { code: FsErrorCode.NOT_A_FILE, message: 'looks binary; use read_binary' } };
          else {
            text = decodeUtf8(read.bytes);
            truncated ||= read.cut;
            file = { path, size: read.size, sha256: read.sha256, truncated: read.cut };
          }
        } catch (error) {
          const failure = toToolError(error);
          file = { path, error: { code: failure.code, message: failure.message } };
        } finally {
          if (fd !== undefined) closeQuietly(fd);
        }
        const rendered = block(file, text);
        ctx.budget.takeText(rendered);
        ctx.budget.takeJson(file);
        files.push(file);
        blocks.push({ type: 'text', text: rendered });
        ctx.progress(index + 1, input.paths.length);
      }
      // The texts go in content only, not in structuredContent as well: sending every byte
      // twice doubled what a client must parse.
      return withContent({ files, truncated }, blocks);
    },
    render: (o) => {
      const failed = o.files.filter((f) => f.error).length;
      return `${o.files.length - failed} of ${o.files.length} files read${failed ? ` (${failed} failed)` : ''}${o.truncated ? '; some were cut short' : ''}. One block per file follows, in the order asked.`;
    },
  });
}
