import type { ScaffoldInput } from './kinds.js';

/** src/index.ts (and src/server.ts or src/transport.ts) for each kind. */
export function sourceFiles(input: ScaffoldInput): Record<string, string> {
  const { name, short } = input;
  if (input.kind === 'command') {
    return {
      'src/index.ts': `import { defineCommand, definePlugin } from '@mcpctl/kernel';

/** pluginConfig["${name}"], validated against schema.json#/$defs/settings. */
interface Settings {
  greeting: string;
}

export default definePlugin<Settings>({
  name: '${name}',
  setup(ctx) {
    // Keep setup light: it runs whenever mcpctl loads this plugin. Import heavy code inside run().
    const command = defineCommand({
      path: ['${short}'],
      summary: 'Greet someone',
      description: 'Prints a greeting; the word comes from pluginConfig["${name}"].greeting.',
      examples: [['Greet Ada loudly', 'mcpctl ${short} Ada --shout']],
      options: { shout: { type: 'boolean', description: 'Upper-case it' } },
      positionals: [{ name: 'name', required: false, description: 'Who to greet' }],
      async run({ io, options, positionals }) {
        const text = \`\${ctx.config.greeting ?? 'hello'} \${positionals.name ?? 'world'}\`;
        if (io.json) io.printJson({ text });
        else io.print(options.shout ? text.toUpperCase() : text);
        return 0;
      },
    });
    ctx.hooks.commands.tap((registry) => registry.register(command));
  },
});
`,
    };
  }
  if (input.kind === 'server') {
    return {
      'src/index.ts': `import { definePlugin } from '@mcpctl/kernel';

export default definePlugin({
  name: '${name}',
  setup(ctx) {
    // The server code (and with it the MCP SDK) is imported only when a server is built.
    ctx.hooks.serverType.for('${short}').tapPromise(async (request, build) => (await import('./server.js')).createServer(request, build));
  },
});
`,
      'src/server.ts': `import type { ServerBuildContext, ServerBuildRequest } from '@mcpctl/kernel';
import { createToolServer, defineTool, parseAccess, ToolError, type ToolServer } from '${input.toolkitDir ? '@mcpctl/toolkit' : '@mcpctl/kernel/toolkit'}';

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
  }
  if (input.kind === 'transport') {
    return {
      'src/index.ts': `import { definePlugin } from '@mcpctl/kernel';

export default definePlugin({
  name: '${name}',
  setup(ctx) {
    ctx.hooks.transport.for('${short}').tapPromise(async ({ entry }) => {
      const { LineSocketTransport } = await import('./transport.js');
      return new LineSocketTransport(String(entry.host ?? '127.0.0.1'), Number(entry.port));
    });
  },
});
`,
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
  }
  return {
    'src/index.ts': `import { createError, definePlugin, ExitCode } from '@mcpctl/kernel';

const TOKEN_MISSING = createError<[string]>('${short.toUpperCase().replace(/-/g, '_')}_TOKEN_MISSING', 'The environment variable %s is not set', {
  exitCode: ExitCode.USAGE,
  hint: 'Export the variable named by auth.tokenEnv before running mcpctl.',
});

export default definePlugin({
  name: '${name}',
  setup(ctx) {
    // auth: { method: ${short}, tokenEnv: NAME, header?: x-api-token } on a server entry.
    ctx.hooks.auth.client.for('${short}').tapPromise(async ({ config }) => {
      const tokenEnv = String(config.tokenEnv);
      const header = String(config.header ?? 'x-api-token');
      return {
        method: '${short}',
        headers() {
          const token = process.env[tokenEnv];
          if (!token) throw TOKEN_MISSING(tokenEnv);
          return { [header]: token };
        },
      };
    });
  },
});
`,
  };
}
