import { createHash } from 'node:crypto';
import { defineTool, ToolError, ToolErrorCode, type Tool } from '@mcpctl/toolkit';
import { FsErrorCode } from '../errors.js';
import { readWhole } from '../read-file.js';
import { closeQuietly } from '../sandbox/fd.js';
import { writeAtomic } from '../write-file.js';
import { pathProperty, shaProperty, type FsDeps } from './common.js';

interface Replacement {
  old: string;
  new: string;
  expectedCount: number;
}

interface Input {
  path: string;
  edits: Replacement[];
  dryRun: boolean;
  ifMatchSha256?: string;
}

interface Output extends Record<string, unknown> {
  path: string;
  applied: number;
  dryRun: boolean;
  diff: string;
  diffTruncated: boolean;
  sha256: string;
}

/** Edits stop being "small" past this: read_text/write is the tool for whole rewrites. */
const MAX_EDIT_FILE_BYTES = 16 * 1024 * 1024;

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}

export function editTool(deps: FsDeps): Tool {
  return defineTool<Input, Output>({
    name: 'edit',
    title: 'Edit a text file',
    description:
      'Apply exact-text replacements to a file, in order, all or nothing: each `old` must occur exactly `expectedCount` times (default 1) or nothing is written. Returns a unified diff; dryRun only shows it.',
    tier: 'write',
    inputSchema: {
      type: 'object',
      properties: {
        path: pathProperty('The file to edit'),
        edits: {
          type: 'array',
          minItems: 1,
          maxItems: 200,
          items: {
            type: 'object',
            properties: {
              old: { type: 'string', minLength: 1 },
              new: { type: 'string' },
              expectedCount: { type: 'integer', minimum: 1, default: 1 },
            },
            required: ['old', 'new'],
            additionalProperties: false,
          },
        },
        dryRun: { type: 'boolean', default: false },
        ifMatchSha256: shaProperty,
      },
      required: ['path', 'edits'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        applied: { type: 'integer' },
        dryRun: { type: 'boolean' },
        diff: { type: 'string' },
        diffTruncated: { type: 'boolean' },
        sha256: { ...shaProperty, description: 'sha256 of the content after the edits' },
      },
      required: ['path', 'applied', 'dryRun', 'diff', 'diffTruncated', 'sha256'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const target = sandbox.resolveExisting(input.path, { needs: 'write', what: 'edit' });
      if (!target.stats.isFile()) throw new ToolError(FsErrorCode.NOT_A_FILE, `${input.path} is not a file`);
      const fd = sandbox.openRead(target);
      let original: string;
      let sha: string;
      try {
        const read = await readWhole(fd, MAX_EDIT_FILE_BYTES, ctx.signal, target.stats.size);
        if (read.cut) throw new ToolError(ToolErrorCode.RESULT_TOO_LARGE, `${input.path} is over ${MAX_EDIT_FILE_BYTES} bytes; edit works on smaller files`, { hint: 'Use read_text ranges and write.' });
        if (read.binary) throw new ToolError(FsErrorCode.NOT_A_FILE, `${input.path} looks binary`);
        original = read.bytes.toString('utf8');
        sha = read.sha256;
      } finally {
        closeQuietly(fd);
      }
      if (input.ifMatchSha256 && input.ifMatchSha256 !== sha) {
        throw new ToolError(FsErrorCode.CONFLICT, `${input.path} changed: its sha256 is ${sha}, not ${input.ifMatchSha256}`, { details: { sha256: sha } });
      }
      let text = original;
      for (const [index, edit] of input.edits.entries()) {
        const found = countOccurrences(text, edit.old);
        if (found !== edit.expectedCount) {
          throw new ToolError(FsErrorCode.NO_MATCH, `Edit ${index + 1}: found ${found} occurrence(s) of the old text, expected ${edit.expectedCount}; nothing was changed`, {
            hint: found === 0 ? 'Copy the old text exactly (whitespace too) from read_text.' : 'Add surrounding lines to make it unique, or set expectedCount.',
            details: { edit: index + 1, found },
          });
        }
        text = text.split(edit.old).join(edit.new);
      }
      const shown = sandbox.display(target.path);
      // The diff library loads only when an edit runs.
      const { createTwoFilesPatch } = await import('diff');
      const fullDiff = createTwoFilesPatch(shown, shown, original, text, undefined, undefined, { context: 3 });
      const { text: diff, cut } = ctx.budget.fitText(fullDiff);
      const data = Buffer.from(text, 'utf8');
      if (!input.dryRun) writeAtomic(sandbox, target, data, { createOnly: false, createParents: false, mode: target.stats.mode & 0o7777 });
      return {
        path: shown,
        applied: input.edits.length,
        dryRun: input.dryRun,
        diff,
        diffTruncated: cut,
        sha256: createHash('sha256').update(data).digest('hex'),
      };
    },
    render: (o) => `${o.dryRun ? 'Would apply' : 'Applied'} ${o.applied} edit(s) to ${o.path}\n${o.diff}${o.diffTruncated ? '\n… (diff truncated)' : ''}`,
  });
}
