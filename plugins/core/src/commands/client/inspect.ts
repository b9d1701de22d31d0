import { defineCommand } from '@mcpctl/kernel';
import { targetOptions, targetPositional } from './options.js';

export const inspectCommand = defineCommand({
  path: ['inspect'],
  summary: "Show a server's identity, capabilities and counts",
  description: 'Server name, version, protocol version, capabilities, instructions and the number of tools, resources, templates and prompts.',
  examples: [['Inspect a remote server', 'mcpctl inspect https://example.com/mcp']],
  options: { ...targetOptions },
  positionals: [targetPositional],
  async run(ctx) {
    const { runInspect } = await import('../../run/client/inspect.js');
    return runInspect(ctx);
  },
});
