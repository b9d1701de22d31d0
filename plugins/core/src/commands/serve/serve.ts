import { defineCommand } from '@mcpctl/kernel';

export const DEFAULT_HTTP_PORT = 8931;

export const serveOptions = {
  transport: { type: 'string', choices: ['stdio', 'http'], default: 'stdio', description: 'stdio (for a client that launches mcpctl) or Streamable HTTP' },
  host: { type: 'string', default: '127.0.0.1', description: 'HTTP: address to bind (loopback by default)', placeholder: '<addr>' },
  port: { type: 'number', default: DEFAULT_HTTP_PORT, description: 'HTTP: port (0 picks a free one)', placeholder: '<n>' },
  path: { type: 'string', default: '/mcp', description: 'HTTP: endpoint path', placeholder: '<path>' },
  stateless: { type: 'boolean', default: false, description: 'HTTP: no sessions; a fresh server for every request' },
  allowedHost: { type: 'array', description: "HTTP: also accept this Host header (repeatable; '*' disables the check)", placeholder: '<host[:port]>' },
  allowedOrigin: { type: 'array', description: "HTTP: also accept this Origin (repeatable; '*' disables the check)", placeholder: '<origin>' },
  maxBodyBytes: { type: 'number', default: 4 * 1024 * 1024, description: 'HTTP: largest request body', placeholder: '<bytes>' },
  sessionIdleTimeout: { type: 'number', default: 30 * 60 * 1000, description: 'HTTP: close a session idle this long (ms)', placeholder: '<ms>' },
  shutdownTimeout: { type: 'number', default: 10_000, description: 'On SIGTERM/SIGINT, let in-flight calls finish for at most this long (ms)', placeholder: '<ms>' },
} as const;

export const serveCommand = defineCommand({
  path: ['serve'],
  summary: 'Run a configured server in the foreground (stdio or HTTP)',
  description: [
    'Runs the configured server <name> (a server type mcpctl hosts, such as fs or db) in the foreground.',
    'stdio: stdout carries only the protocol (logs go to stderr), so a client such as Claude Desktop can launch',
    '`mcpctl serve <name>`. http: Streamable HTTP on --host/--port/--path, one server instance per session',
    '(--stateless: one per request), loopback by default, Host and Origin checked against DNS rebinding.',
    'SIGTERM or Ctrl-C lets in-flight calls finish (up to --shutdown-timeout), then exits.',
  ].join('\n'),
  examples: [
    ['Serve over stdio (for Claude Desktop, Cursor…)', 'mcpctl serve files'],
    ['Serve over HTTP on localhost:8931/mcp', 'mcpctl serve files --transport http'],
    ['Behind a reverse proxy named mcp.example.com', 'mcpctl serve files --transport http --host 0.0.0.0 --allowed-host mcp.example.com'],
  ],
  options: serveOptions,
  positionals: [{ name: 'name', description: 'The configured server to run' }],
  async run(ctx) {
    const { runServe } = await import('../../serve/run.js');
    return runServe(ctx);
  },
});
