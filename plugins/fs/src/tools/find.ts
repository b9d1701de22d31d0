import picomatch from 'picomatch';
import { cursorScope, decodeCursor, defineTool, encodeCursor, pageInputProperties, pageLimit, pageOutputProperties, ToolError, ToolErrorCode, type Tool } from '@mcpctl/toolkit';
import { GlobRules } from '../sandbox/rules.js';
import { walk } from '../walk.js';
import { entryTypeSchema, excludeProperty, optionalPathProperty, resolveDirectory, type EntryType, type FsDeps } from './common.js';

const LIMITS = { defaultLimit: 200, maxLimit: 5000 };

interface Input {
  pattern: string;
  path: string;
  type: 'file' | 'directory' | 'any';
  exclude: string[];
  maxDepth?: number;
  cursor?: string;
  limit?: number;
}

interface Match {
  path: string;
  type: EntryType;
}

interface Output extends Record<string, unknown> {
  matches: Match[];
  scanned: number;
  nextCursor?: string;
  truncated: boolean;
}

export function findTool(deps: FsDeps): Tool {
  return defineTool<Input, Output>({
    name: 'find',
    title: 'Find files by glob',
    description:
      'Find files and directories whose path matches a glob (picomatch: *, **, ?, [..], {a,b}). A pattern without "/" matches names at any depth (`*.ts`); with "/" it matches the path relative to `path` (`src/**/*.test.ts`). Paged; honours .gitignore and deny rules.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        pattern: { type: 'string', minLength: 1, maxLength: 1000 },
        path: optionalPathProperty,
        type: { enum: ['file', 'directory', 'any'], default: 'any' },
        exclude: excludeProperty,
        maxDepth: { type: 'integer', minimum: 1, maximum: 256 },
        ...pageInputProperties(LIMITS),
      },
      required: ['pattern'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        matches: {
          type: 'array',
          items: { type: 'object', properties: { path: { type: 'string' }, type: entryTypeSchema }, required: ['path', 'type'] },
        },
        scanned: { type: 'integer', description: 'Entries examined for this page' },
        ...pageOutputProperties,
      },
      required: ['matches', 'scanned', 'truncated'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const start = resolveDirectory(sandbox, input.path, 'find');
      const scope = cursorScope({ ...input, path: start.path });
      const after = input.cursor === undefined ? undefined : decodeAfter(input.cursor, scope);
      const limit = pageLimit(input, LIMITS);
      const byPath = input.pattern.includes('/');
      const isMatch = picomatch(input.pattern, { dot: true });
      const matches: Match[] = [];
      let scanned = 0;
      let lastFromStart: string | undefined;
      let full = false;
      await walk({
        sandbox,
        start,
        maxDepth: input.maxDepth,
        respectGitignore: deps.options.respectGitignore,
        exclude: input.exclude.length > 0 ? new GlobRules(input.exclude) : undefined,
        after,
        signal: ctx.signal,
        visit(entry) {
          scanned++;
          if (input.type === 'file' && entry.kind !== 'file') return undefined;
          if (input.type === 'directory' && entry.kind !== 'directory') return undefined;
          if (!isMatch(byPath ? entry.fromStart : entry.name)) return undefined;
          const match: Match = { path: sandbox.display(entry.path), type: entry.kind };
          if (matches.length >= limit || !ctx.budget.take(Buffer.byteLength(match.path) + 36)) {
            full = true;
            return 'stop';
          }
          matches.push(match);
          lastFromStart = entry.fromStart;
          return undefined;
        },
      });
      return {
        matches,
        scanned,
        ...(full && lastFromStart !== undefined ? { nextCursor: encodeCursor({ a: lastFromStart }, scope) } : {}),
        truncated: full,
      };
    },
    render: (o) => [...o.matches.map((m) => m.path), ...(o.truncated ? ['… more (pass nextCursor)'] : [])].join('\n') || '(no matches)',
  });
}

function decodeAfter(cursor: string, scope: string): string {
  const state = decodeCursor(cursor, scope);
  if (typeof state !== 'object' || state === null || Array.isArray(state) || typeof state.a !== 'string') {
    throw new ToolError(ToolErrorCode.INVALID_CURSOR, 'Invalid cursor: it is not a cursor this server made');
  }
  return state.a;
}
