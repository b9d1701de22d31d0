import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { ServerEntry } from '@mcpctl/kernel';
import { ERROR_META_KEY, silentLogger } from '@mcpctl/toolkit';
import { createFsServer } from '../src/server.js';

export interface Sandbox {
  /** The temp folder holding everything. */
  base: string;
  /** The configured root (base/root). */
  root: string;
  /** A sibling folder outside the root (base/root-evil), holding a secret. */
  outside: string;
  cleanup(): void;
}

/** A temp tree: root/ with files, a sibling root-evil/ outside it. */
export function makeTree(files: Record<string, string> = {}): Sandbox {
  const base = mkdtempSync(join(tmpdir(), 'mcpctl-fs-'));
  const root = join(base, 'root');
  const outside = join(base, 'root-evil');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET outside\n');
  writeFileSync(join(base, 'secret.txt'), 'TOP SECRET parent\n');
  for (const [path, content] of Object.entries(files)) write(root, path, content);
  return { base, root, outside, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

export function link(target: string, at: string): void {
  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(target, at);
}

export type CallResult = Awaited<ReturnType<Client['callTool']>>;

export interface Connected {
  client: Client;
  call(name: string, args?: Record<string, unknown>): Promise<CallResult>;
  /** structuredContent of a successful call (fails the test otherwise). */
  ok<T = Record<string, unknown>>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** The error of a failed call: code and text. */
  fail(name: string, args?: Record<string, unknown>): Promise<{ code: string; text: string }>;
  close(): Promise<void>;
}

export async function connectFs(entry: Omit<ServerEntry, 'type'>, options: { baseDir?: string; clientCapabilities?: Record<string, unknown> } = {}): Promise<Connected> {
  const server = await createFsServer({ name: 'files', entry: { type: 'fs', ...entry } }, { logger: silentLogger, baseDir: options.baseDir ?? process.cwd() });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'fs-test', version: '1.0.0' }, { capabilities: options.clientCapabilities ?? {} });
  await server.connect(serverSide);
  await client.connect(clientSide);
  const call = (name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args });
  return {
    client,
    call,
    async ok<T>(name: string, args: Record<string, unknown> = {}) {
      const result = await call(name, args);
      if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
      return result.structuredContent as T;
    },
    async fail(name: string, args: Record<string, unknown> = {}) {
      const result = await call(name, args);
      if (!result.isError) throw new Error(`${name} succeeded but should have failed: ${JSON.stringify(result.structuredContent)}`);
      const meta = result._meta?.[ERROR_META_KEY] as { code: string } | undefined;
      return { code: meta?.code ?? '', text: (result.content as Array<{ text: string }>)[0]?.text ?? '' };
    },
    close: () => client.close(),
  };
}
