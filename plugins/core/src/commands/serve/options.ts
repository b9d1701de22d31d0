/** The HTTP port `serve --transport http` binds by default. */
export const DEFAULT_HTTP_PORT = 8931;

/** `serve`'s option table: imported by its spec (beside this file) and its implementation. */
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
