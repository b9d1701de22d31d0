import { connectInMemory, textOf, type ToolTestClient } from '@mcpctl/testing';
import type { ServerEntry } from '@mcpctl/kernel';
import { silentLogger, type ToolServer } from '@mcpctl/toolkit';
import { createDbServer } from '../../src/server.js';

/** A db server built from an entry, with an SDK client connected in-process (@mcpctl/testing's connectInMemory). */
export interface Connected extends ToolTestClient {
  server: ToolServer;
}

export async function connect(entry: Omit<ServerEntry, 'type'>, options: { name?: string; baseDir?: string } = {}): Promise<Connected> {
  const server = await createDbServer({ name: options.name ?? 'testdb', entry: { type: 'db', ...entry } }, { logger: silentLogger, baseDir: options.baseDir ?? process.cwd() });
  return { server, ...(await connectInMemory(server, { clientName: 'db-test' })) };
}

export { textOf };

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
