import { defineCommand } from '@mcpctl/kernel';
import { callOptions, targetPositional } from './options.js';

export const callCommand = defineCommand({
  path: ['call'],
  summary: 'Call a tool',
  description: [
    'Calls <tool> with key=value arguments, typed by the tool\'s input schema (numbers, booleans; arrays and objects as JSON)',
    'and validated before sending. Prints text, structured content, resource links and embedded resources; binary content',
    'is saved with --out <dir> or summarized. Exit 1 when the tool answers isError. Ctrl-C cancels the call (exit 130).',
    "With --cmd, omit <target>: `mcpctl call --cmd 'node server.js' echo message=hi`.",
  ].join('\n'),
  examples: [
    ['Call a tool with typed arguments', 'mcpctl call everything get-sum a=1 b=2'],
    ['Arguments as JSON', `mcpctl call everything echo --args '{"message":"hi"}'`],
    ['Save images to a folder', 'mcpctl call everything get-tiny-image --out ./out'],
  ],
  options: callOptions,
  positionals: [{ ...targetPositional, required: true }, { name: 'tool', required: false, description: 'The tool to call' }],
  rest: { name: 'arguments', description: 'key=value arguments' },
  async run(ctx) {
    const { runCall } = await import('../../run/client/call.js');
    return runCall(ctx);
  },
});
