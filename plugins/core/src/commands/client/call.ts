import { defineCommand } from '@mcpctl/kernel';
import { answerOptions, targetOptions, targetPositional } from './options.js';

export const callOptions = {
  ...targetOptions,
  ...answerOptions,
  args: { type: 'string', description: 'All arguments as a JSON object (key=value pairs are merged over it)', placeholder: '<json>' },
  argsFile: { type: 'string', description: "Read the arguments JSON from a file ('-' for stdin)", placeholder: '<file>' },
  out: { type: 'string', description: 'Save image, audio and binary content into this directory', placeholder: '<dir>' },
  retry: { type: 'boolean', description: 'Repeat the call on a connection failure, if the tool is annotated idempotent', default: false },
} as const;

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
    const { runCall } = await import('../../client/run/call.js');
    return runCall(ctx);
  },
});
