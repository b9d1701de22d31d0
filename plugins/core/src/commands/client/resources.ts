import { defineCommand } from '@mcpctl/kernel';
import { targetOptions, targetPositional } from './options.js';

export const resourcesCommand = defineCommand({
  path: ['resources'],
  summary: "List a server's resources",
  description: 'Lists every resource (all pages): name, URI, MIME type and description. --json prints the raw list.',
  examples: [['List resources', 'mcpctl resources everything']],
  options: { ...targetOptions },
  positionals: [targetPositional],
  async run(ctx) {
    const { runResources } = await import('../../run/client/lists.js');
    return runResources(ctx);
  },
});
