import { request as httpRequest } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createToolServer, defineTool, silentLogger } from '@mcpctl/toolkit';
import { HttpServe, type HttpServeOptions } from '../../src/serve/http.js';
import { sleep } from './sleep-tool.js';

/** A tiny server: `whoami` tells which server instance answered; `sleep` takes a while. */
let built = 0;
const whoami = defineTool<Record<string, never>, { instance: number; calls: number }>({
  name: 'whoami',
  description: 'Which server instance answers, and how many calls it has seen',
  tier: 'read',
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object', properties: { instance: { type: 'integer' }, calls: { type: 'integer' } }, required: ['instance', 'calls'] },
  handler: () => ({ instance: 0, calls: 0 }),
});

const roots = defineTool<Record<string, never>, { roots: string[] }>({
  name: 'roots',
  description: "The client's roots",
  tier: 'read',
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object', properties: { roots: { type: 'array', items: { type: 'string' } } }, required: ['roots'] },
  handler: async (_input, ctx) => ({ roots: ((await ctx.clientRoots()) ?? []).map((root) => root.uri) }),
});

function buildServer() {
  const instance = ++built;
  let calls = 0;
  const counting = defineTool<Record<string, never>, { instance: number; calls: number }>({
    name: whoami.name,
    description: whoami.description,
    tier: 'read',
    inputSchema: whoami.inputSchema as { type: 'object' },
    outputSchema: whoami.outputSchema,
    handler: () => ({ instance, calls: ++calls }),
  });
  return Promise.resolve(createToolServer({ name: 'test', version: '1.0.0', tools: [counting, sleep, roots] }));
}

const running: HttpServe[] = [];
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
  await Promise.all(running.splice(0).map((s) => s.shutdown(100)));
});

async function start(overrides: Partial<HttpServeOptions> = {}): Promise<{ serve: HttpServe; url: string }> {
  const serve = new HttpServe({
    host: '127.0.0.1',
    port: 0,
    path: '/mcp',
    stateless: false,
    allowedHosts: [],
    allowedOrigins: [],
    maxBodyBytes: 64 * 1024,
    sessionIdleTimeoutMs: 60_000,
    build: buildServer,
    logger: silentLogger,
    ...overrides,
  });
  const url = await serve.start();
  running.push(serve);
  return { serve, url };
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  clients.push(client);
  return client;
}

/** A raw request, so tests control Host, Origin and the body. */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname, method: options.method ?? 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

describe('mcpctl serve --transport http', () => {
  it('serves tools to an SDK client', async () => {
    const { url } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = await connect(url);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['whoami', 'sleep', 'roots']);
    expect((await client.callTool({ name: 'sleep', arguments: { ms: 1 } })).structuredContent).toEqual({ slept: 1 });
  });

  it("asks the client for its roots over the call's own stream", async () => {
    const { ListRootsRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
    for (const stateless of [false, true]) {
      const { url } = await start({ stateless });
      const client = new Client({ name: 'roots-test', version: '1.0.0' }, { capabilities: { roots: { listChanged: true } } });
      client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [{ uri: 'file:///srv/data', name: 'data' }] }));
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      clients.push(client);
      // Stateless servers never see initialize, so they cannot know the client offers roots: none are asked for.
      const expected = stateless ? [] : ['file:///srv/data'];
      expect((await client.callTool({ name: 'roots', arguments: {} })).structuredContent).toEqual({ roots: expected });
    }
  });

  it('gives every session its own server instance', async () => {
    const { serve, url } = await start();
    const a = await connect(url);
    const b = await connect(url);
    const first = (await a.callTool({ name: 'whoami', arguments: {} })).structuredContent as { instance: number; calls: number };
    const second = (await b.callTool({ name: 'whoami', arguments: {} })).structuredContent as { instance: number; calls: number };
    const again = (await a.callTool({ name: 'whoami', arguments: {} })).structuredContent as { instance: number; calls: number };
    expect(first.instance).not.toBe(second.instance);
    expect(again).toEqual({ instance: first.instance, calls: 2 });
    expect(second.calls).toBe(1);
    expect(serve.sessionCount).toBe(2);
  });

  it('refuses a foreign Host or Origin (DNS rebinding)', async () => {
    const { url, serve } = await start();
    const port = serve.port;
    expect((await raw(url, { headers: { host: 'evil.example.com' }, body: initialize })).status).toBe(403);
    expect((await raw(url, { headers: { host: `evil.example.com:${port}` }, body: initialize })).status).toBe(403);
    const foreignOrigin = await raw(url, { headers: { host: `localhost:${port}`, origin: 'http://evil.example.com' }, body: initialize });
    expect(foreignOrigin.status).toBe(403);
    expect(foreignOrigin.body).toContain('Origin');
    expect((await raw(url, { headers: { host: `localhost:${port}`, origin: `http://localhost:${port}` }, body: initialize })).status).toBe(200);
  });

  it('accepts configured extra hosts', async () => {
    const { url } = await start({ allowedHosts: ['mcp.example.com'] });
    expect((await raw(url, { headers: { host: 'mcp.example.com' }, body: initialize })).status).toBe(200);
  });

  it('limits the request body and rejects bad JSON', async () => {
    const { url } = await start({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(4096) } });
    expect((await raw(url, { body: big })).status).toBe(413);
    expect((await raw(url, { body: '{not json' })).status).toBe(400);
  });

  it('answers sessions it does not know, other paths and methods', async () => {
    const { url } = await start();
    const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect((await raw(url, { body: list })).status).toBe(400);
    expect((await raw(url, { body: list, headers: { 'mcp-session-id': 'nope' } })).status).toBe(404);
    expect((await raw(url, { method: 'GET' })).status).toBe(400);
    expect((await raw(url.replace('/mcp', '/other'), { body: initialize })).status).toBe(404);
    expect((await raw(url, { method: 'PUT', body: initialize })).status).toBe(405);
  });

  it('answers 500 with the coded error when a session\'s server cannot be built', async () => {
    const { createError } = await import('@mcpctl/kernel');
    const BROKEN = createError<[string]>('MCPCTL_TEST_BROKEN', 'root %s is gone');
    const { url } = await start({ build: () => Promise.reject(BROKEN('/srv/data')) });
    const answer = await raw(url, { body: initialize });
    expect(answer.status).toBe(500);
    expect(answer.body).toContain('MCPCTL_TEST_BROKEN: root /srv/data is gone');
  });

  it('stateless mode builds a server per request and has no sessions', async () => {
    const before = built;
    const { url, serve } = await start({ stateless: true });
    const client = await connect(url);
    await client.callTool({ name: 'whoami', arguments: {} });
    const result = (await client.callTool({ name: 'whoami', arguments: {} })).structuredContent as { calls: number };
    expect(result.calls).toBe(1);
    expect(built - before).toBeGreaterThanOrEqual(3);
    expect(serve.sessionCount).toBe(0);
    expect((await raw(url, { method: 'GET' })).status).toBe(405);
  });

  it('shuts down gracefully: in-flight calls finish, new requests are refused', async () => {
    const { url, serve } = await start();
    const client = await connect(url);
    const slow = client.callTool({ name: 'sleep', arguments: { ms: 400 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const shutdown = serve.shutdown(5000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(raw(url, { body: initialize })).rejects.toThrow();
    expect((await slow).structuredContent).toEqual({ slept: 400 });
    expect(await shutdown).toEqual({ drained: true });
    expect(Date.now() - started).toBeLessThan(2000);
    running.splice(running.indexOf(serve), 1);
  });

  it('bounds the shutdown when a call does not finish', async () => {
    const { url, serve } = await start();
    const client = await connect(url);
    // The cut connection surfaces client-side as a failed (here: timed-out) request.
    const slow = client.callTool({ name: 'sleep', arguments: { ms: 10_000 } }, undefined, { timeout: 1500 }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    expect(await serve.shutdown(300)).toEqual({ drained: false });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await slow).toBeInstanceOf(Error);
    running.splice(running.indexOf(serve), 1);
  });
});
