import { defineTool, type ObjectSchema, type Tool } from '@mcpctl/toolkit';
import type { FsDeps } from './common.js';

interface Output extends Record<string, unknown> {
  roots: Array<{ name: string; path: string; access: string }>;
  narrowedByClient: boolean;
}

const outputSchema: ObjectSchema = {
  type: 'object',
  properties: {
    roots: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, path: { type: 'string' }, access: { enum: ['read', 'write', 'destructive'] } },
        required: ['name', 'path', 'access'],
      },
    },
    narrowedByClient: { type: 'boolean', description: 'True when the client\'s MCP roots narrowed the configured roots.' },
  },
  required: ['roots', 'narrowedByClient'],
};

export function listRootsTool(deps: FsDeps): Tool {
  return defineTool<Record<string, never>, Output>({
    name: 'list_roots',
    title: 'List roots',
    description: 'The directories this server may access, with each one\'s access tier. Relative paths resolve against the first.',
    tier: 'read',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    outputSchema,
    async handler(_input, ctx) {
      const sandbox = await deps.sandbox(ctx);
      const roots = sandbox.roots.map((root) => ({ name: root.name, path: root.path, access: root.access }));
      const configured = deps.options.roots.map((root) => root.path).join('\n');
      return { roots, narrowedByClient: roots.map((root) => root.path).join('\n') !== configured };
    },
    render: (output) => output.roots.map((root) => `${root.path}\t${root.access}\t${root.name}`).join('\n') || '(no roots)',
  });
}
