import type { HooksFacade } from '@mcpctl/kernel';

/**
 * Taps the transport hook for stdio, http and sse. Each implementation (and
 * the MCP SDK under it) is imported only when a transport is built.
 */
export function registerTransports(hooks: HooksFacade): void {
  hooks.transport.for('stdio').tapPromise(async (request, ctx) => {
    const { createStdioTransport } = await import('./stdio-factory.js');
    return createStdioTransport(request, ctx);
  });
  hooks.transport.for('http').tapPromise(async (request, ctx) => {
    const { createHttpTransport } = await import('./http.js');
    return createHttpTransport(request, ctx);
  });
  hooks.transport.for('sse').tapPromise(async (request, ctx) => {
    const { createSseTransport } = await import('./sse.js');
    return createSseTransport(request, ctx);
  });
}
