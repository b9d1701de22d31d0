import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createToolServer, silentLogger } from '@mcpctl/toolkit';
import { serveStdio } from '../../src/serve/stdio.js';
import { sleep } from './sleep-tool.js';

/** A served stdio pair: write JSON-RPC lines in, read the answers out. */
function start(shutdownTimeoutMs: number) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const controller = new AbortController();
  const answers: Array<{ id?: number; result?: { structuredContent?: unknown } }> = [];
  let buffered = '';
  stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline: number;
    while ((newline = buffered.indexOf('\n')) !== -1) {
      answers.push(JSON.parse(buffered.slice(0, newline)));
      buffered = buffered.slice(newline + 1);
    }
  });
  let ready = false;
  const done = serveStdio({
    server: createToolServer({ name: 't', version: '1', tools: [sleep] }),
    signal: controller.signal,
    shutdownTimeoutMs,
    logger: silentLogger,
    onReady: async () => {
      ready = true;
    },
    stdin,
    stdout,
  });
  const send = (message: object) => stdin.write(`${JSON.stringify(message)}\n`);
  send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
  send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  return { send, answers, done, controller, stdin, isReady: () => ready };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe('mcpctl serve (stdio)', () => {
  it('lets an in-flight call answer before stopping on a signal', async () => {
    const served = start(5000);
    await until(() => served.answers.some((a) => a.id === 1));
    expect(served.isReady()).toBe(true);
    served.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'sleep', arguments: { ms: 300 } } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    served.controller.abort();
    expect(await served.done).toBe('signal');
    expect(served.answers.find((a) => a.id === 2)?.result?.structuredContent).toEqual({ slept: 300 });
  });

  it('bounds the wait', async () => {
    const served = start(100);
    await until(() => served.answers.some((a) => a.id === 1));
    served.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'sleep', arguments: { ms: 5000 } } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    served.controller.abort();
    expect(await served.done).toBe('signal');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(served.answers.some((a) => a.id === 2)).toBe(false);
  });

  it('stops when stdin closes, after answering what it received', async () => {
    const served = start(5000);
    await until(() => served.answers.some((a) => a.id === 1));
    served.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'sleep', arguments: { ms: 100 } } });
    served.stdin.end();
    expect(await served.done).toBe('stdin closed');
    expect(served.answers.find((a) => a.id === 3)?.result?.structuredContent).toEqual({ slept: 100 });
  });
});
