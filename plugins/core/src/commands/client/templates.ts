import { defineCommand } from '@mcpctl/kernel';
import { targetOptions, targetPositional } from './options.js';

export const templatesCommand = defineCommand({
  path: ['templates'],
  summary: "List a server's resource templates",
  description: 'Lists every resource template (all pages): name, URI template, MIME type and description.',
  examples: [['List resource templates', 'mcpctl templates everything']],
  options: { ...targetOptions },
  positionals: [targetPositional],
  async run(ctx) {
    const { runTemplates } = await import('../../run/client/lists.js');
    return runTemplates(ctx);
  },
});
