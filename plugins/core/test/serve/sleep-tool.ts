import { defineTool } from '@mcpctl/toolkit';

/** A tool that takes a while: for in-flight and shutdown tests. */
export const sleep = defineTool<{ ms: number }, { slept: number }>({
  name: 'sleep',
  description: 'Sleep',
  tier: 'read',
  inputSchema: { type: 'object', properties: { ms: { type: 'integer' } }, required: ['ms'] },
  outputSchema: { type: 'object', properties: { slept: { type: 'integer' } }, required: ['slept'] },
  handler: async ({ ms }) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { slept: ms };
  },
});
