import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExitCode, isMcpctlError, type ClientSession } from '@mcpctl/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../src/client/connect.js';
import { DirectSession } from '../../src/client/session.js';
import { resolveTarget } from '../../src/client/target.js';
import { StdioTransport } from '../../src/transports/stdio.js';
import { EVERYTHING, FIXTURE_SERVER, HTTP_STATUS_SERVER, NODE, RAW_STDIO, alive, freePort, startHttpServer, tempDir, type HttpServer } from './helpers.js';
import { testKernel } from './test-kernel.js';

async function expectError(promise: Promise<unknown>, code: string, exitCode: number): Promise<Error & { hint?: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    expect(isMcpctlError(error), String(error)).toBe(true);
    expect({ code: (error as { code: string }).code, exitCode: (error as { exitCode: number }).exitCode, message: (error as Error).message })
      .toMatchObject({ code, exitCode });
    return error as Error & { hint?: string };
  }
  throw new Error(`expected ${code}, but it resolved`);
}

function stdioSession(args: string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<DirectSession> {
  const transport = new StdioTransport({ command: NODE, args, ...(options.env ? { env: options.env } : {}) });
  return DirectSession.connect({ label: args.join(' '), transport, timeoutMs: options.timeoutMs ?? 15_000 });
}

describe('stdio transport against server-everything', () => {
  let session: DirectSession;
  beforeAll(async () => {
    session = await stdioSession([EVERYTHING, 'stdio'], { env: { MCPCTL_TEST_VAR: 'explicit' } });
  });
  afterAll(async () => session?.close());

  it('initializes and reports the server', () => {
    expect(session.serverInfo.name).toBe('mcp-servers/everything');
    expect(session.protocolVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(session.capabilities).toHaveProperty('tools');
  });

  it('calls a tool', async () => {
    const result = await session.request<{ content: Array<{ text: string }> }>('tools/call', { name: 'get-sum', arguments: { a: 2, b: 3 } });
    expect(result.content[0]!.text).toContain('5');
  });

  it('gives the server the safe inherited environment plus the explicit one, not our other variables', async () => {
    process.env.MCPCTL_SECRET_NOT_INHERITED = 'leak';
    const result = await session.request<{ content: Array<{ text: string }> }>('tools/call', { name: 'get-env', arguments: {} });
    const env = JSON.parse(result.content[0]!.text) as Record<string, string>;
    expect(env.MCPCTL_TEST_VAR).toBe('explicit');
    expect(env.PATH).toBe(process.env.PATH);
    expect(env.MCPCTL_SECRET_NOT_INHERITED).toBeUndefined();
  });

  it('reports progress notifications', async () => {
    const seen: number[] = [];
    await session.request('tools/call', { name: 'trigger-long-running-operation', arguments: { duration: 0.4, steps: 4 } }, { onProgress: (p) => seen.push(p.progress) });
    // The SDK may drop the very last notification when the result follows it at once.
    expect(seen.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('maps an unknown method to METHOD_NOT_FOUND', async () => {
    await expectError(session.request('no/such/method'), 'MCPCTL_CLIENT_METHOD_NOT_FOUND', ExitCode.PROTOCOL);
  });
});

describe('stdio failures', () => {
  it('spawn failure is exit 3 and names the command', async () => {
    const transport = new StdioTransport({ command: 'mcpctl-no-such-command-xyz' });
    const error = await expectError(DirectSession.connect({ label: 'x', transport, timeoutMs: 5000 }), 'MCPCTL_CLIENT_SPAWN_FAILED', ExitCode.CONNECT);
    expect(error.message).toContain('mcpctl-no-such-command-xyz');
  });

  it('a server that exits before answering is exit 4 with its last stderr lines', async () => {
    const error = await expectError(stdioSession([RAW_STDIO, 'exit-early']), 'MCPCTL_CLIENT_SERVER_EXITED', ExitCode.PROTOCOL);
    expect(error.message).toContain('exited with code 2');
    expect(error.message).toContain('raw: giving up');
  });

  it('a server that dies mid-call is exit 4 with its last stderr lines', async () => {
    const session = await stdioSession([FIXTURE_SERVER]);
    try {
      const error = await expectError(session.request('tools/call', { name: 'crash', arguments: {} }), 'MCPCTL_CLIENT_SERVER_EXITED', ExitCode.PROTOCOL);
      expect(error.message).toContain('during tools/call');
      expect(error.message).toContain('fixture: simulated fatal error');
      expect(error.details?.stderr).toContain('fixture: about to crash');
    } finally {
      await session.close();
    }
  });

  it('a server that never answers initialize times out (124)', async () => {
    await expectError(stdioSession([RAW_STDIO, 'hang'], { timeoutMs: 400 }), 'MCPCTL_TIMEOUT', ExitCode.TIMEOUT);
  });

  it('a server that writes non-JSON-RPC is a protocol error (4), not a timeout', async () => {
    const started = Date.now();
    const error = await expectError(stdioSession([RAW_STDIO, 'garbage'], { timeoutMs: 10_000 }), 'MCPCTL_CLIENT_PROTOCOL', ExitCode.PROTOCOL);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.message).toContain('invalid JSON-RPC');
  });

  it('an unsupported protocol version is a protocol error (4)', async () => {
    const error = await expectError(stdioSession([RAW_STDIO, 'old-protocol']), 'MCPCTL_CLIENT_UNSUPPORTED_PROTOCOL', ExitCode.PROTOCOL);
    expect(error.message).toContain('1999-01-01');
  });

  it('kills the whole process group on close: no orphans', async () => {
    const dir = await tempDir();
    const pidFile = join(dir.path, 'grandchild.pid');
    // A shell that starts a long-lived grandchild, then execs the real server.
    const transport = new StdioTransport({
      command: '/bin/sh',
      args: ['-c', `sleep 300 & echo $! > ${pidFile}; exec "${NODE}" "${FIXTURE_SERVER}"`],
    });
    const session = await DirectSession.connect({ label: 'group', transport, timeoutMs: 15_000 });
    const grandchild = Number((await readFile(pidFile, 'utf8')).trim());
    const leader = transport.pid!;
    expect(alive(grandchild)).toBe(true);
    await session.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(leader)).toBe(false);
    expect(alive(grandchild)).toBe(false);
    await dir.cleanup();
  });
});

describe('Streamable HTTP and SSE against server-everything', () => {
  let http: HttpServer;
  let sse: HttpServer;
  beforeAll(async () => {
    [http, sse] = await Promise.all([startHttpServer(EVERYTHING, ['streamableHttp']), startHttpServer(EVERYTHING, ['sse'])]);
  });
  afterAll(async () => {
    await Promise.all([http?.close(), sse?.close()]);
  });

  async function open(url: string, type?: string): Promise<ClientSession> {
    const kernel = await testKernel();
    const target = await resolveTarget(kernel, url, type ? { transport: type } : {});
    return openSession(kernel, target, { timeoutMs: 15_000 });
  }

  it('talks Streamable HTTP with a session, and DELETEs it on close', async () => {
    const session = await open(`${http.url}/mcp`, 'http');
    expect(session.serverInfo.name).toBe('mcp-servers/everything');
    const tools = await session.request<{ tools: unknown[] }>('tools/list');
    expect(tools.tools.length).toBeGreaterThan(5);
    const before = http.output();
    expect(before).toMatch(/Session initialized with ID: [0-9a-f-]{36}/);
    await session.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(http.output().slice(before.length)).toMatch(/Transport closed for session|removing from transports map/);
  });

  it('talks legacy SSE', async () => {
    const session = await open(`${sse.url}/sse`, 'sse');
    try {
      expect(session.protocolVersion).not.toBe('unknown');
      const result = await session.request<{ content: Array<{ text: string }> }>('tools/call', { name: 'echo', arguments: { message: 'over sse' } });
      expect(result.content[0]!.text).toContain('over sse');
    } finally {
      await session.close();
    }
  });

  it('falls back from Streamable HTTP to SSE for a URL with no declared transport', async () => {
    const session = await open(`${sse.url}/sse`);
    try {
      await session.request('ping');
      expect(session.serverInfo.name).toBe('mcp-servers/everything');
    } finally {
      await session.close();
    }
  });

  it('uses Streamable HTTP first for a URL with no declared transport', async () => {
    const session = await open(`${http.url}/mcp`);
    try {
      expect(session.protocolVersion).toBe('2025-11-25');
    } finally {
      await session.close();
    }
  });
});

describe('HTTP failures', () => {
  it('a refused connection is exit 3 with its own message', async () => {
    const port = await freePort();
    const kernel = await testKernel();
    const target = await resolveTarget(kernel, `http://127.0.0.1:${port}/mcp`, { transport: 'http' });
    const error = await expectError(openSession(kernel, target, { timeoutMs: 10_000 }), 'MCPCTL_CLIENT_CONNECTION_REFUSED', ExitCode.CONNECT);
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('a 401 names the missing auth method and how to configure it', async () => {
    const server = await startHttpServer(HTTP_STATUS_SERVER, ['401']);
    try {
      const kernel = await testKernel();
      const target = await resolveTarget(kernel, `${server.url}/mcp`, {});
      const error = await expectError(openSession(kernel, target, { timeoutMs: 10_000 }), 'MCPCTL_CLIENT_UNAUTHORIZED', ExitCode.CONNECT);
      expect(error.message).toContain('bearer');
      expect(error.hint).toContain('method: bearer');
    } finally {
      await server.close();
    }
  });

  it('a 403 is exit 3 with its own message', async () => {
    const server = await startHttpServer(HTTP_STATUS_SERVER, ['403']);
    try {
      const kernel = await testKernel();
      const target = await resolveTarget(kernel, `${server.url}/mcp`, { transport: 'http' });
      await expectError(openSession(kernel, target, { timeoutMs: 10_000 }), 'MCPCTL_CLIENT_FORBIDDEN', ExitCode.CONNECT);
    } finally {
      await server.close();
    }
  });

  it('a DNS failure is exit 3 with its own message', async () => {
    const kernel = await testKernel();
    const target = await resolveTarget(kernel, 'http://no-such-host.invalid/mcp', { transport: 'http' });
    await expectError(openSession(kernel, target, { timeoutMs: 10_000 }), 'MCPCTL_CLIENT_DNS', ExitCode.CONNECT);
  });
});
