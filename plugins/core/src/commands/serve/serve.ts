import { defineCommand } from '@mcpctl/kernel';
import { serveOptions } from './options.js';

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
