import type { McpServerLike, ServerEntry } from '@mcpctl/kernel';
import type { Kernel } from '@mcpctl/kernel/runtime';
import { connectInMemory } from './tool-client.js';

/** An MCP client connected in memory to a server mcpctl built for a config entry. */
export interface TestClient {
  /** The SDK client, for anything the helpers below do not cover. */
  client: import('@modelcontextprotocol/sdk/client/index.js').Client;
  listTools(): Promise<Array<{ name: string; description?: string; inputSchema: unknown; outputSchema?: unknown; annotations?: unknown }>>;
  /** tools/call; resolves to the result as the server sent it (`isError` results included). */
  callTool(name: string, args?: Record<string, unknown>): Promise<{ content: unknown[]; structuredContent?: unknown; isError?: boolean }>;
  close(): Promise<void>;
}

/**
 * Builds the server for `serverName` through the kernel (config entry →
 * serverType hook of the plugin that provides its type) and connects an MCP
 * SDK client to it over an in-memory transport pair.
 */
export async function connectToServer(kernel: Kernel, serverName: string): Promise<TestClient> {
  const loaded = await kernel.loadConfig();
  const entry = loaded.config.servers[serverName] as ServerEntry | undefined;
  if (!entry) throw new Error(`no server "${serverName}" in the test config (servers: ${Object.keys(loaded.config.servers).join(', ') || 'none'})`);
  const server: McpServerLike = await kernel.buildServer(serverName, entry);
  const connected = await connectInMemory(server);
  return {
    client: connected.client,
    listTools: async () => (await connected.client.listTools()).tools as Awaited<ReturnType<TestClient['listTools']>>,
    callTool: async (name, args = {}) => (await connected.call(name, args)) as Awaited<ReturnType<TestClient['callTool']>>,
    close: connected.close,
  };
}
