import { defineCommand } from '@mcpctl/kernel';
import { targetOptions, targetPositional } from './options.js';

export const promptsCommand = defineCommand({
  path: ['prompts'],
  summary: "List a server's prompts",
  description: 'Lists every prompt (all pages): name, title, description and arguments (required ones marked *).',
  examples: [['List prompts', 'mcpctl prompts everything']],
  options: { ...targetOptions },
  positionals: [targetPositional],
  async run(ctx) {
    const { runPrompts } = await import('../../run/client/lists.js');
    return runPrompts(ctx);
  },
});
