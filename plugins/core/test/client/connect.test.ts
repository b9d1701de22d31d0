import type { McpServerLike } from '@mcpctl/kernel';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { openSession } from '../../src/client/connect.js';
import { DirectSession } from '../../src/client/session.js';
import { resolveTarget } from '../../src/client/target.js';
import { StdioTransport } from '../../src/transports/stdio.js';
import { EVERYTHING, NODE } from './helpers.js';
import { testKernel } from './test-kernel.js';

/** A real in-process MCP server, as a hosted server type would build. */
function memoryServer(closed: { value: boolean }): McpServerLike {
  const server = new Server({ name: 'memory', version: '0.1.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'hello', inputSchema: { type: 'object' } }] }));
  server.setRequestHandler(CallToolRequestSchema, async () => ({ content: [{ type: 'text', text: 'hello from memory' }] }));
  const close = server.close.bind(server);
  server.close = async () => {
    closed.value = true;
    await close();
  };
  return server as unknown as McpServerLike;
}

describe('openSession', () => {
  it('connects a hosted server type in-process, and closes the server with the session', async () => {
    const closed = { value: false };
    const kernel = await testKernel({ mem: { type: 'memory' } }, {
      isServerType: (type) => type === 'memory',
      buildServer: async () => memoryServer(closed),
    });
    const session = await openSession(kernel, await resolveTarget(kernel, 'mem', {}), { timeoutMs: 5000 });
    expect(session.serverInfo.name).toBe('memory');
    const result = await session.request<{ content: Array<{ text: string }> }>('tools/call', { name: 'hello', arguments: {} });
    expect(result.content[0]!.text).toBe('hello from memory');
    await session.close();
    expect(closed.value).toBe(true);
  });

  it("takes the daemon's warm session for a configured server, unless told not to", async () => {
    const warm = await DirectSession.connect({ label: 'warm', transport: new StdioTransport({ command: NODE, args: [EVERYTHING, 'stdio'] }), timeoutMs: 15_000 });
    try {
      const asked: string[] = [];
      const kernel = await testKernel({ everything: { type: 'stdio', command: NODE, args: [EVERYTHING, 'stdio'] } }, {
        offeredSession: async (request) => {
          asked.push(request.name);
          return warm;
        },
      });
      const target = await resolveTarget(kernel, 'everything', {});
      expect(await openSession(kernel, target, { timeoutMs: 15_000 })).toBe(warm);
      expect(asked).toEqual(['everything']);
      const direct = await openSession(kernel, target, { timeoutMs: 15_000, noDaemon: true });
      expect(direct).not.toBe(warm);
      await direct.close();
      expect(asked).toEqual(['everything']);
    } finally {
      await warm.close();
    }
  });

  it('unknown names list the configured servers (exit 2)', async () => {
    const kernel = await testKernel({ a: { type: 'stdio', command: 'x' }, b: { type: 'stdio', command: 'y' } });
    await expect(resolveTarget(kernel, 'c', {})).rejects.toMatchObject({ code: 'MCPCTL_UNKNOWN_SERVER', exitCode: 2, message: expect.stringContaining('configured servers: a, b') });
  });

  it('--cmd, --env and --cwd build a stdio entry; URLs an auto entry with headers', async () => {
    const kernel = await testKernel();
    expect((await resolveTarget(kernel, undefined, { cmd: 'node "my server.js" -v', env: ['A=1'], cwd: '/tmp' })).entry)
      .toEqual({ type: 'stdio', command: 'node', args: ['my server.js', '-v'], env: { A: '1' }, cwd: '/tmp' });
    expect((await resolveTarget(kernel, 'https://example.com/mcp', { header: ['X-A: 1'] })).entry)
      .toEqual({ type: 'auto', url: 'https://example.com/mcp', headers: { 'X-A': '1' } });
  });
});
