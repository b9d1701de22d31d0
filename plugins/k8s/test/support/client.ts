import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger, ServerEntry } from '@mcpctl/kernel';
import { silentLogger, type ToolServer } from '@mcpctl/toolkit';
import { createK8sServer } from '../../src/server.js';

/** A k8s server built from an entry, with an SDK client connected in-process. */
export interface Connected {
  client: Client;
  server: ToolServer;
  call(name: string, args?: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<CallToolResult>;
  ok<T = Record<string, any>>(name: string, args?: Record<string, unknown>): Promise<T>;
  fails(name: string, args?: Record<string, unknown>): Promise<{ text: string; code: string | undefined; details: Record<string, unknown> | undefined; raw: string }>;
  close(): Promise<void>;
}

export function writeKubeconfig(text: string): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mcpctl-k8s-'));
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, text, { mode: 0o600 });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function connect(entry: Omit<ServerEntry, 'type'>, options: { name?: string; baseDir?: string; logger?: Logger } = {}): Promise<Connected> {
  const server = await createK8sServer({ name: options.name ?? 'cluster', entry: { type: 'k8s', ...entry } }, { logger: options.logger ?? silentLogger, baseDir: options.baseDir ?? process.cwd() });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'k8s-test', version: '1.0.0' });
  await client.connect(clientTransport);
  const call = async (name: string, args: Record<string, unknown> = {}, callOptions: { signal?: AbortSignal } = {}) =>
    (await client.callTool({ name, arguments: args }, undefined, { ...(callOptions.signal ? { signal: callOptions.signal } : {}), timeout: 120_000 })) as CallToolResult;
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
      return { text: textOf(result), code: meta?.code, details: meta?.details, raw: JSON.stringify(result) };
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
