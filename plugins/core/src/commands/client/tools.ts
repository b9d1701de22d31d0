import { defineCommand } from '@mcpctl/kernel';
import { targetOptions, targetPositional } from './options.js';

export const toolsCommand = defineCommand({
  path: ['tools'],
  summary: "List a server's tools",
  description: 'Lists every tool (all pages): name, title, one-line description and arguments (required ones marked *). --json prints the raw list.',
  examples: [
    ['List the tools of a configured server', 'mcpctl tools everything'],
    ['List the tools of an ad-hoc stdio server', "mcpctl tools --cmd 'npx -y @modelcontextprotocol/server-everything'"],
    ['Raw JSON from a remote server', 'mcpctl tools https://example.com/mcp --json'],
  ],
  options: { ...targetOptions },
  positionals: [targetPositional],
  async run(ctx) {
    const { runTools } = await import('../../run/client/lists.js');
    return runTools(ctx);
  },
});
