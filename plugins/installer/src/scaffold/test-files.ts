import type { ScaffoldInput } from './kinds.js';

/** test/plugin.test.ts for each kind, written against @mcpctl/testing. */
export function testFiles(input: ScaffoldInput): Record<string, string> {
  const { short } = input;
  const header = `import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestKernel, type TestKernel } from '@mcpctl/testing';

/** This package's root: the harness loads it like \`MCPCTL_PLUGINS=<root> mcpctl …\` (from dist/: \`npm test\` builds first). */
const root = fileURLToPath(new URL('..', import.meta.url));
`;
  if (input.kind === 'command') {
    return {
      'test/plugin.test.ts': `${header}
describe('mcpctl ${short}', () => {
  let harness: TestKernel;
  beforeAll(async () => {
    harness = await bootTestKernel({ plugins: [root], config: { pluginConfig: { '${input.name}': { greeting: 'hi' } } } });
  });
  afterAll(() => harness.close());

  it('greets with the configured word', async () => {
    const result = await harness.run(['${short}', 'Ada', '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.json()).toEqual({ text: 'hi Ada' });
  });

  it('shouts', async () => {
    const result = await harness.run(['${short}', 'Ada', '--shout']);
    expect(result.stdout.trim()).toBe('HI ADA');
  });

  it('is listed by mcpctl --help', async () => {
    const result = await harness.run(['--help']);
    expect(result.stdout).toContain('${short}');
  });
});
`,
    };
  }
  if (input.kind === 'server') {
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
  }
  if (input.kind === 'transport') {
    return {
      'test/plugin.test.ts': `${header}import { createServer, type Server } from 'node:net';

/** A tiny line-delimited JSON-RPC server on 127.0.0.1 that answers ping. */
function pingServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.on('data', (chunk) => {
      for (const line of chunk.toString().split('\\n').filter(Boolean)) {
        const message = JSON.parse(line) as { id: number; method: string };
        socket.write(\`\${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { method: message.method } })}\\n\`);
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

describe('transport ${short}', () => {
  let harness: TestKernel;
  let remote: { server: Server; port: number };
  beforeAll(async () => {
    remote = await pingServer();
    harness = await bootTestKernel({ plugins: [root], config: { servers: { remote: { type: '${short}', host: '127.0.0.1', port: remote.port } } } });
  });
  afterAll(async () => {
    await harness.close();
    remote.server.close();
  });

  it('carries JSON-RPC both ways', async () => {
    const loaded = await harness.kernel.loadConfig();
    const transport = await harness.kernel.createTransport('${short}', loaded.config.servers.remote!);
    const answer = new Promise((resolve) => (transport.onmessage = resolve));
    await transport.start();
    await transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    expect(await answer).toEqual({ jsonrpc: '2.0', id: 1, result: { method: 'ping' } });
    await transport.close();
  });
});
`,
    };
  }
  return {
    'test/plugin.test.ts': `${header}
describe('auth method ${short}', () => {
  let harness: TestKernel;
  beforeAll(async () => {
    harness = await bootTestKernel({ plugins: [root], env: { EXAMPLE_TOKEN: 's3cret' } });
  });
  afterAll(() => harness.close());

  it('sends the token from the environment in a header', async () => {
    process.env.EXAMPLE_TOKEN = 's3cret';
    const auth = await harness.kernel.clientAuth({ method: '${short}', tokenEnv: 'EXAMPLE_TOKEN' });
    expect(await auth.headers?.()).toEqual({ 'x-api-token': 's3cret' });
  });

  it('says which variable is missing', async () => {
    const auth = await harness.kernel.clientAuth({ method: '${short}', tokenEnv: 'NOT_SET_ANYWHERE' });
    expect(() => auth.headers?.()).toThrow(/NOT_SET_ANYWHERE/);
  });
});
`,
  };
}
