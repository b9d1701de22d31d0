import { defineCommand } from '@mcpctl/kernel';
import { promptOptions, targetPositional } from './options.js';

export const promptCommand = defineCommand({
  path: ['prompt'],
  summary: 'Get a prompt',
  description: 'Gets prompt <name> with key=value arguments and prints its messages.',
  examples: [['Get a prompt with arguments', 'mcpctl prompt everything args-prompt city=Paris state=IDF']],
  options: promptOptions,
  positionals: [{ ...targetPositional, required: true }, { name: 'name', required: false, description: 'The prompt name' }],
  rest: { name: 'arguments', description: 'key=value arguments' },
  async run(ctx) {
    const { runPrompt } = await import('../../run/client/prompt.js');
    return runPrompt(ctx);
  },
});
