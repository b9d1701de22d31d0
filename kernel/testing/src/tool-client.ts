import type { McpServerLike, McpTransport } from '@mcpctl/kernel';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ERROR_META_KEY } from '@mcpctl/toolkit/base';

/** An SDK client connected in memory to a server a plugin built, with helpers for tool calls. */
export interface ToolTestClient {
  client: Client;
  call(name: string, args?: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<CallToolResult>;
  /** Call and fail the test unless the result is a success; resolves to its structuredContent. */
  ok<T = Record<string, unknown>>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** Call and fail the test unless the result is an error; resolves to its text, error code and details (and the whole result as JSON). */
  fails(name: string, args?: Record<string, unknown>): Promise<{ text: string; code: string | undefined; details: Record<string, unknown> | undefined; raw: string }>;
  /** Closes the client, then the server. */
  close(): Promise<void>;
}

/**
 * Connects an MCP SDK client to `server` over an in-memory transport pair —
 * for a plugin's own tests of the server its factory builds (no kernel).
 */
export async function connectInMemory(server: McpServerLike, options: { clientName?: string; timeoutMs?: number } = {}): Promise<ToolTestClient> {
  const [{ Client: SdkClient }, { InMemoryTransport }] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/inMemory.js'),
  ]);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  // The SDK's transport types are stricter than the kernel's structural McpTransport.
  await server.connect(serverSide as unknown as McpTransport);
  const client = new SdkClient({ name: options.clientName ?? 'mcpctl-testing', version: '1.0.0' });
  await client.connect(clientSide);
  const timeout = options.timeoutMs ?? 120_000;
  const call: ToolTestClient['call'] = async (name, args = {}, callOptions = {}) =>
    (await client.callTool({ name, arguments: args }, undefined, { ...(callOptions.signal ? { signal: callOptions.signal } : {}), timeout })) as CallToolResult;
  return {
    client,
    call,
    async ok<T>(name: string, args: Record<string, unknown> = {}) {
      const result = await call(name, args);
      if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
      return result.structuredContent as T;
    },
    async fails(name, args = {}) {
      const result = await call(name, args);
      if (!result.isError) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(result.structuredContent).slice(0, 300)}`);
      const meta = result._meta?.[ERROR_META_KEY] as { code?: string; details?: Record<string, unknown> } | undefined;
      return { text: textOf(result), code: meta?.code, details: meta?.details, raw: JSON.stringify(result) };
    },
    async close() {
      await client.close();
      await server.close();
    },
  };
}

/** A tool result's text blocks joined by newlines (other blocks as `[type]`). */
export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
}
