import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectInMemory, textOf, type ToolTestClient } from '@mcpctl/testing';
import type { Logger, ServerEntry } from '@mcpctl/kernel';
import { silentLogger, type ToolServer } from '@mcpctl/toolkit';
import { createK8sServer } from '../../src/server.js';

/** A k8s server built from an entry, with an SDK client connected in-process (@mcpctl/testing's connectInMemory). */
export interface Connected extends Omit<ToolTestClient, 'ok'> {
  server: ToolServer;
  ok<T = Record<string, any>>(name: string, args?: Record<string, unknown>): Promise<T>;
}

export function writeKubeconfig(text: string): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mcpctl-k8s-'));
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, text, { mode: 0o600 });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function connect(entry: Omit<ServerEntry, 'type'>, options: { name?: string; baseDir?: string; logger?: Logger } = {}): Promise<Connected> {
  const server = await createK8sServer({ name: options.name ?? 'cluster', entry: { type: 'k8s', ...entry } }, { logger: options.logger ?? silentLogger, baseDir: options.baseDir ?? process.cwd() });
  return { server, ...(await connectInMemory(server, { clientName: 'k8s-test' })) };
}

export { textOf };
