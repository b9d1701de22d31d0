import { describe, expect, it } from 'vitest';
import { createToolServer, defineTool, withContent } from '../src/index.js';
import { connect } from './helpers.js';

const parts = defineTool<{ plain?: boolean }, { names: string[] }>({
  name: 'parts',
  description: 'Names in structuredContent, their texts in content only',
  tier: 'read',
  inputSchema: { type: 'object', properties: { plain: { type: 'boolean' } } },
  outputSchema: { type: 'object', properties: { names: { type: 'array', items: { type: 'string' } } }, required: ['names'] },
  handler: ({ plain }) => {
    const output = { names: ['a', 'b'] };
    return plain ? output : withContent(output, [{ type: 'text', text: 'text of a' }, { type: 'text', text: 'text of b' }]);
  },
  render: (output) => `${output.names.length} parts`,
  content: () => [{ type: 'resource_link', uri: 'file:///x', name: 'x' }],
});

describe('withContent', () => {
  it('sends a handler\'s own blocks in content only: after the rendering, before content()', async () => {
    const client = await connect(createToolServer({ name: 'test-server', version: '1.0.0', tools: [parts] }));
    try {
      const result = await client.callTool({ name: 'parts', arguments: {} });
      expect(result.structuredContent).toEqual({ names: ['a', 'b'] });
      expect(result.content).toEqual([
        { type: 'text', text: '2 parts' },
        { type: 'text', text: 'text of a' },
        { type: 'text', text: 'text of b' },
        { type: 'resource_link', uri: 'file:///x', name: 'x' },
      ]);
      const plain = await client.callTool({ name: 'parts', arguments: { plain: true } });
      expect(plain.structuredContent).toEqual({ names: ['a', 'b'] });
      expect(plain.content).toEqual([{ type: 'text', text: '2 parts' }, { type: 'resource_link', uri: 'file:///x', name: 'x' }]);
    } finally {
      await client.close();
    }
  });
});
