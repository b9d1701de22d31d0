import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ServerEntry } from '@mcpctl/kernel';
import { silentLogger, type ToolServer } from '@mcpctl/toolkit';
import { createDbServer } from '../../src/server.js';

/** A db server built from an entry, with an SDK client connected in-process. */
export interface Connected {
  client: Client;
  server: ToolServer;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Call and fail the test unless the result is a success; returns structuredContent. */
  ok<T = Record<string, unknown>>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** Call and fail the test unless the result is an error; returns its text and error code. */
  fails(name: string, args?: Record<string, unknown>): Promise<{ text: string; code: string | undefined; details: Record<string, unknown> | undefined }>;
  close(): Promise<void>;
}

export async function connect(entry: Omit<ServerEntry, 'type'>, options: { name?: string; baseDir?: string } = {}): Promise<Connected> {
  const server = await createDbServer({ name: options.name ?? 'testdb', entry: { type: 'db', ...entry } }, { logger: silentLogger, baseDir: options.baseDir ?? process.cwd() });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'db-test', version: '1.0.0' });
  await client.connect(clientTransport);
  const call = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult;
  return {
    client,
    server,
    call,
    async ok<T>(name: string, args: Record<string, unknown> = {}) {
      const result = await call(name, args);
      if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
      return result.structuredContent as T;
    },
    async fails(name: string, args: Record<string, unknown> = {}) {
      const result = await call(name, args);
      if (!result.isError) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(result.structuredContent).slice(0, 300)}`);
      const meta = result._meta?.['dev.mcpctl/error'] as { code?: string; details?: Record<string, unknown> } | undefined;
      return { text: textOf(result), code: meta?.code, details: meta?.details };
    },
    async close() {
      await client.close();
      await server.close();
    },
  };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
}

/** Build a server that is expected to fail; returns the error (fails the test if it connects). */
export async function connectError(entry: Omit<ServerEntry, 'type'>): Promise<Error & { code?: string }> {
  let connected: Connected;
  try {
    connected = await connect(entry);
  } catch (error) {
    return error as Error & { code?: string };
  }
  await connected.close();
  throw new Error('expected the server to fail to connect');
}
