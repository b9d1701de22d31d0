import { defineTool, type Tool } from '@mcpctl/toolkit';
import { GlobRules } from '../sandbox/rules.js';
import { walk } from '../walk.js';
import { entryTypeSchema, excludeProperty, optionalPathProperty, resolveDirectory, type EntryType, type FsDeps } from './common.js';

interface Input {
  path: string;
  maxDepth: number;
  maxEntries: number;
  exclude: string[];
}

interface Entry {
  /** Relative to the tree's `path`; its depth is its number of segments. */
  path: string;
  type: EntryType;
}

interface Output extends Record<string, unknown> {
  path: string;
  entries: Entry[];
  truncated: boolean;
}

export function treeTool(deps: FsDeps): Tool {
  return defineTool<Input, Output>({
    name: 'tree',
    title: 'Directory tree',
    description:
      'A bounded recursive listing (depth-first, sorted, directories before their contents). Honours .gitignore unless the server disables it; denied paths are not shown.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        path: optionalPathProperty,
        maxDepth: { type: 'integer', minimum: 1, maximum: 64, default: 3, description: 'Levels below `path` to show' },
        maxEntries: { type: 'integer', minimum: 1, maximum: 20000, default: 1000, description: 'Stop after this many entries' },
        exclude: excludeProperty,
      },
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        entries: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'string', description: 'Relative to `path` (depth = number of segments)' }, type: entryTypeSchema },
            required: ['path', 'type'],
          },
        },
        truncated: { type: 'boolean', description: 'True when maxEntries or the byte budget cut the tree' },
      },
      required: ['path', 'entries', 'truncated'],
    },
    async handler(input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const start = resolveDirectory(sandbox, input.path, 'tree');
      const entries: Entry[] = [];
      let truncated = false;
      await walk({
        sandbox,
        start,
        maxDepth: input.maxDepth,
        respectGitignore: deps.options.respectGitignore,
        exclude: input.exclude.length > 0 ? new GlobRules(input.exclude) : undefined,
        signal: ctx.signal,
        visit(entry) {
          const item: Entry = { path: entry.fromStart, type: entry.kind };
          // {"path":…,"type":…}: the path's bytes plus a fixed envelope.
          if (entries.length >= input.maxEntries || !ctx.budget.take(Buffer.byteLength(entry.fromStart) + 36)) {
            truncated = true;
            return 'stop';
          }
          entries.push(item);
          if (entries.length % 1000 === 0) ctx.progress(entries.length, input.maxEntries);
          return undefined;
        },
      });
      return { path: sandbox.display(start.path), entries, truncated };
    },
    render: (o) =>
      [
        o.path,
        ...o.entries.map((e) => {
          const slash = e.path.lastIndexOf('/');
          const depth = e.path.split('/').length;
          return `${'  '.repeat(depth)}${e.path.slice(slash + 1)}${e.type === 'directory' ? '/' : e.type === 'symlink' ? ' ->' : ''}`;
        }),
        ...(o.truncated ? ['… (truncated: raise maxEntries or narrow the path)'] : []),
      ].join('\n'),
  });
}
