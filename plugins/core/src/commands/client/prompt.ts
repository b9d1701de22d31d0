import { defineCommand } from '@mcpctl/kernel';
import { answerOptions, targetOptions, targetPositional } from './options.js';

export const promptOptions = {
  ...targetOptions,
  ...answerOptions,
  out: { type: 'string', description: 'Save image, audio and binary content into this directory', placeholder: '<dir>' },
} as const;

export const promptCommand = defineCommand({
  path: ['prompt'],
  summary: 'Get a prompt',
  description: 'Gets prompt <name> with key=value arguments and prints its messages.',
  examples: [['Get a prompt with arguments', 'mcpctl prompt everything args-prompt city=Paris state=IDF']],
  options: promptOptions,
  positionals: [{ ...targetPositional, required: true }, { name: 'name', required: false, description: 'The prompt name' }],
  rest: { name: 'arguments', description: 'key=value arguments' },
  async run(ctx) {
    const { runPrompt } = await import('../../client/run/prompt.js');
    return runPrompt(ctx);
  },
});
