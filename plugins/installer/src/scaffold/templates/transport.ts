import { pluginIndex, type KindTemplate } from '../kinds.js';

/** A client transport: newline-delimited JSON-RPC over TCP. */
export const transportTemplate: KindTemplate = {
  description: 'transport',
  provides: (short) => ({ transports: [{ name: short, summary: 'Newline-delimited JSON-RPC over TCP' }] }),
  schemaDefs: ({ short }) => ({ [`transport:${short}`]: { type: 'object', properties: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'integer', minimum: 1, maximum: 65535 } }, required: ['port'] } }),
  usage: (short) => `# mcpctl.config.yaml\nservers:\n  remote: { type: ${short}, host: 127.0.0.1, port: 7000 }\n\nmcpctl tools remote`,
  sources({ name, short }) {
    return {
      'src/index.ts': pluginIndex(name, `
ctx.hooks.transport.for('${short}').tapPromise(async ({ entry }) => {
  const { LineSocketTransport } = await import('./transport.js');
  return new LineSocketTransport(String(entry.host ?? '127.0.0.1'), Number(entry.port));
});
`),
      'src/transport.ts': `import { connect, type Socket } from 'node:net';
import type { JsonRpcMessage, McpTransport } from '@mcpctl/kernel';

/**
 * An example client transport: newline-delimited JSON-RPC over a TCP socket
 * (entry options \`host\` and \`port\`).
 */
export class LineSocketTransport implements McpTransport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JsonRpcMessage) => void;
  private socket: Socket | undefined;
  private buffered = '';

  constructor(private readonly host: string, private readonly port: number) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port }, () => resolve());
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => this.receive(chunk.toString('utf8')));
      socket.on('close', () => this.onclose?.());
      this.socket = socket;
    });
  }

  async send(message: JsonRpcMessage): Promise<void> {
    this.socket?.write(\`\${JSON.stringify(message)}\\n\`);
  }

  async close(): Promise<void> {
    this.socket?.end();
  }

  private receive(text: string): void {
    this.buffered += text;
    let newline: number;
    while ((newline = this.buffered.indexOf('\\n')) >= 0) {
      const line = this.buffered.slice(0, newline).trim();
      this.buffered = this.buffered.slice(newline + 1);
      if (!line) continue;
      try {
        this.onmessage?.(JSON.parse(line) as JsonRpcMessage);
      } catch (error) {
        this.onerror?.(error as Error);
      }
    }
  }
}
`,
    };
  },
  tests({ short }, header) {
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
  },
};
