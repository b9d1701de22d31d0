import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Logger, ServerEntry } from '@mcpctl/kernel';
import { silentLogger } from '@mcpctl/toolkit';
import { createS3Server } from '../../src/server.js';
import { TEST_CREDENTIALS, type Store } from './stores.js';

/** An SDK client connected in-process to an s3 server built for `entry`. */

export interface Connected {
  client: Client;
  call(name: string, args?: Record<string, unknown>, options?: { signal?: AbortSignal; onprogress?: (p: { progress: number; total?: number }) => void }): Promise<CallResult>;
  close(): Promise<void>;
}

export interface CallResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: Array<{ type: string; text?: string; uri?: string }>;
  _meta?: Record<string, unknown>;
  /** The error code from _meta["dev.mcpctl/error"], when isError. */
  code?: string;
  text: string;
}

export function storeEntry(store: Store, extra: Partial<ServerEntry> & { buckets: unknown[] }): ServerEntry {
  return {
    type: 's3',
    endpoint: store.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    checksums: 'when_required',
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    ...extra,
  } as ServerEntry;
}

export async function connect(entry: ServerEntry, name = 'store', logger: Logger = silentLogger): Promise<Connected> {
  const server = await createS3Server({ name, entry }, { logger, baseDir: process.cwd() } as never);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 's3-test', version: '1.0.0' });
  await server.connect(serverSide);
  await client.connect(clientSide);
  return {
    client,
    async call(toolName, args = {}, options = {}) {
      const result = (await client.callTool({ name: toolName, arguments: args }, undefined, {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onprogress ? { onprogress: options.onprogress } : {}),
        timeout: 120_000,
      })) as unknown as CallResult;
      const meta = result._meta?.['dev.mcpctl/error'] as { code?: string } | undefined;
      return { ...result, ...(meta?.code ? { code: meta.code } : {}), text: result.content.map((c) => c.text ?? '').join('\n') };
    },
    async close() {
      await client.close();
      await server.close();
    },
  };
}
