import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { ToolServer } from '../src/index.js';

/** Connect an SDK client to a toolkit server over an in-memory pair. */
export async function connect(server: ToolServer, clientOptions: ConstructorParameters<typeof Client>[1] = {}): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'toolkit-test', version: '1.0.0' }, clientOptions);
  await server.connect(serverSide);
  await client.connect(clientSide);
  return client;
}
