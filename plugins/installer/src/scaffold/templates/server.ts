import { pluginIndex, type KindTemplate } from '../kinds.js';

/** A server type built on the server toolkit, with one example tool that has input and output schemas. */
export const serverTemplate: KindTemplate = {
  description: 'server type',
  usesToolkit: true,
  provides: (short) => ({ serverTypes: [{ name: short, summary: 'An example server with one greet tool' }] }),
  schemaDefs: ({ short }) => ({ [`serverType:${short}`]: { type: 'object', properties: { access: { enum: ['read', 'write', 'destructive'], default: 'read', description: 'What the tools may do' } } } }),
  usage: (short) => `# mcpctl.config.yaml\nservers:\n  example: { type: ${short} }\n\nmcpctl serve example          # over stdio\nmcpctl call example greet name=Ada`,
  sources({ name, short }) {
    return {
      'src/index.ts': pluginIndex(name, `
// The server code (and with it the MCP SDK) is imported only when a server is built.
ctx.hooks.serverType.for('${short}').tapPromise(async (request, build) => (await import('./server.js')).createServer(request, build));
`),
      'src/server.ts': `import type { ServerBuildContext, ServerBuildRequest } from '@mcpctl/kernel';
import { createToolServer, defineTool, parseAccess, ToolError, type ToolServer } from '@mcpctl/toolkit';

/** One example tool: an input schema, an output schema, structured output and a text rendering. */
const greet = defineTool<{ name: string; shout: boolean }, { greeting: string; length: number }>({
  name: 'greet',
  description: 'Greet someone by name',
  tier: 'read',
  inputSchema: {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, description: 'Who to greet' },
      shout: { type: 'boolean', default: false, description: 'Upper-case the greeting' },
    },
    required: ['name'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: { greeting: { type: 'string' }, length: { type: 'integer' } },
    required: ['greeting', 'length'],
  },
  async handler({ name, shout }) {
    if (name.trim() === '') throw new ToolError('INVALID_NAME', 'The name is blank', { hint: 'Pass a name with at least one letter.' });
    const greeting = shout ? \`HELLO \${name.toUpperCase()}!\` : \`hello \${name}\`;
    return { greeting, length: greeting.length };
  },
  render: (output) => output.greeting,
});

export function createServer(request: ServerBuildRequest, build: ServerBuildContext): ToolServer {
  return createToolServer({
    name: '${name}',
    version: '0.1.0',
    entryName: request.name,
    instructions: 'Use greet to greet someone.',
    access: parseAccess(request.entry.access),
    tools: [greet],
    logger: build.logger,
  });
}
`,
    };
  },
  tests({ short }, header) {
    return {
      'test/plugin.test.ts': `${header}
describe('server type ${short}', () => {
  let harness: TestKernel;
  beforeAll(async () => {
    harness = await bootTestKernel({ plugins: [root], config: { servers: { example: { type: '${short}' } } } });
  });
  afterAll(() => harness.close());

  it('lists the example tool with its schemas and annotations', async () => {
    const client = await harness.connect('example');
    const [tool] = await client.listTools();
    expect(tool?.name).toBe('greet');
    expect(tool?.outputSchema).toBeDefined();
    expect(tool?.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('answers with structured content', async () => {
    const client = await harness.connect('example');
    const result = await client.callTool('greet', { name: 'Ada', shout: true });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ greeting: 'HELLO ADA!', length: 10 });
  });

  it('rejects bad input as a tool error a model can read', async () => {
    const client = await harness.connect('example');
    const result = await client.callTool('greet', { name: 42 });
    expect(result.isError).toBe(true);
  });

  it('validates the entry against the schema', async () => {
    const bad = await bootTestKernel({ plugins: [root], config: { servers: { example: { type: '${short}', typo: true } } } });
    try {
      const result = await bad.run(['config', 'validate', '--json']);
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toContain('typo');
    } finally {
      await bad.close();
    }
  });
});
`,
    };
  },
};
