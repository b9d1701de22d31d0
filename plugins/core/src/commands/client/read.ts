import { defineCommand } from '@mcpctl/kernel';
import { readOptions, targetPositional } from './options.js';

export const readCommand = defineCommand({
  path: ['read'],
  summary: 'Read a resource',
  description: 'Reads the resource at <uri> and prints its text; binary content is written with --out <file> or summarized.',
  examples: [
    ['Print a text resource', 'mcpctl read everything demo://resource/static/document/architecture.md'],
    ['Save a binary resource', 'mcpctl read everything demo://resource/dynamic/blob/1 --out blob.bin'],
  ],
  options: readOptions,
  positionals: [{ ...targetPositional, required: true }, { name: 'uri', required: false, description: 'The resource URI' }],
  async run(ctx) {
    const { runRead } = await import('../../run/client/read.js');
    return runRead(ctx);
  },
});
