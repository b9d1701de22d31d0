import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExitCode, isMcpctlError } from '@mcpctl/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { openSession } from '../../src/client/connect.js';
import { resolveTarget } from '../../src/client/target.js';
import { FIXTURE_SERVER, freePort, startHttpServer, tempDir, type HttpServer } from './helpers.js';
import { testKernel } from './test-kernel.js';

const started: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function fixture(env: Record<string, string>): Promise<{ server: HttpServer; events: () => Promise<Array<{ event: string; method?: string; name?: string }>> }> {
  const dir = await tempDir();
  const file = join(dir.path, 'events.jsonl');
  const server = await startHttpServer(FIXTURE_SERVER, ['--http'], { FIXTURE_EVENTS: file, ...env });
  started.push(server);
  return {
    server,
    events: async () => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l)),
  };
}

describe('retries over HTTP', () => {
  it('repeats initialize and lists on 503, honouring Retry-After', async () => {
    const { server, events } = await fixture({ FIXTURE_FLAKY: '2', FIXTURE_FLAKY_METHODS: 'initialize,tools/list' });
    const kernel = await testKernel({ flaky: { type: 'http', url: `${server.url}/mcp` } });
    const session = await openSession(kernel, await resolveTarget(kernel, 'flaky', {}), { timeoutMs: 10_000 });
    try {
      const tools = await session.request<{ tools: unknown[] }>('tools/list');
      expect(tools.tools.length).toBeGreaterThan(0);
    } finally {
      await session.close();
    }
    const posts = (await events()).filter((e) => e.event === 'post').map((e) => e.method);
    expect(posts.filter((m) => m === 'initialize')).toHaveLength(3);
  });

  it('never repeats tools/call', async () => {
    const { server, events } = await fixture({ FIXTURE_FLAKY: '1', FIXTURE_FLAKY_METHODS: 'tools/call' });
    const kernel = await testKernel({ flaky: { type: 'http', url: `${server.url}/mcp` } });
    const session = await openSession(kernel, await resolveTarget(kernel, 'flaky', {}), { timeoutMs: 10_000 });
    try {
      const error = await session.request('tools/call', { name: 'counter', arguments: {} }).catch((e: unknown) => e);
      expect(isMcpctlError(error) && error.code).toBe('MCPCTL_CLIENT_HTTP_STATUS');
      expect(isMcpctlError(error) && error.exitCode).toBe(ExitCode.CONNECT);
    } finally {
      await session.close();
    }
    const calls = (await events()).filter((e) => e.event === 'post' && e.method === 'tools/call');
    expect(calls).toHaveLength(1);
  });

  it('gives up after the configured number of tries', async () => {
    const { server, events } = await fixture({ FIXTURE_FLAKY: '10', FIXTURE_FLAKY_METHODS: 'initialize' });
    const kernel = await testKernel({ flaky: { type: 'http', url: `${server.url}/mcp`, retry: { tries: 2, baseMs: 10 } } });
    const error = await openSession(kernel, await resolveTarget(kernel, 'flaky', {}), { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(isMcpctlError(error) && error.exitCode).toBe(ExitCode.CONNECT);
    expect((await events()).filter((e) => e.method === 'initialize')).toHaveLength(2);
  });
});

describe('circuit breaker', () => {
  it('opens after repeated connection failures and says when it will try again', async () => {
    const port = await freePort();
    const kernel = await testKernel({ down: { type: 'http', url: `http://127.0.0.1:${port}/mcp`, retry: { tries: 1 }, breaker: { threshold: 2, cooldownMs: 60_000 } } });
    const target = await resolveTarget(kernel, 'down', {});
    for (let i = 0; i < 2; i++) {
      const error = await openSession(kernel, target, { timeoutMs: 5000 }).catch((e: unknown) => e);
      expect(isMcpctlError(error) && error.code).toBe('MCPCTL_CLIENT_CONNECTION_REFUSED');
    }
    const open = await openSession(kernel, target, { timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(isMcpctlError(open) && open.code).toBe('MCPCTL_CLIENT_CIRCUIT_OPEN');
    expect(isMcpctlError(open) && open.exitCode).toBe(ExitCode.CONNECT);
    expect((open as Error).message).toMatch(/will try again after \d{4}-\d\d-\d\dT.*\(in \d+s\)/);
    // --no-breaker still tries (and still fails: nothing listens).
    const forced = await openSession(kernel, target, { timeoutMs: 5000, ignoreBreaker: true }).catch((e: unknown) => e);
    expect(isMcpctlError(forced) && forced.code).toBe('MCPCTL_CLIENT_CONNECTION_REFUSED');
  });
});

describe('auth methods against a server that wants credentials', () => {
  it('bearer: the token gets through; a wrong one is a 401 naming the method', async () => {
    const { server } = await fixture({ FIXTURE_REQUIRE_AUTH: 'Bearer s3cret' });
    const kernel = await testKernel({
      good: { type: 'http', url: `${server.url}/mcp`, auth: { method: 'bearer', token: 's3cret' } },
      bad: { type: 'http', url: `${server.url}/mcp`, auth: { method: 'bearer', token: 'wrong' } },
    });
    const session = await openSession(kernel, await resolveTarget(kernel, 'good', {}), { timeoutMs: 10_000 });
    await session.request('ping');
    await session.close();
    const error = await openSession(kernel, await resolveTarget(kernel, 'bad', {}), { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(isMcpctlError(error) && error.code).toBe('MCPCTL_CLIENT_UNAUTHORIZED');
    expect((error as Error).message).toContain('auth method "bearer"');
    expect(JSON.stringify(error)).not.toContain('wrong');
  });

  it('basic, api-key and headers put the secret in the right header', async () => {
    const basic = await fixture({ FIXTURE_REQUIRE_AUTH: `Basic ${Buffer.from('alice:pw').toString('base64')}` });
    const kernel = await testKernel({
      basic: { type: 'http', url: `${basic.server.url}/mcp`, auth: { method: 'basic', username: 'alice', password: 'pw' } },
      apikey: { type: 'http', url: `${basic.server.url}/mcp`, auth: { method: 'api-key', key: 'k', header: 'Authorization', prefix: 'Basic' } },
      headers: { type: 'http', url: `${basic.server.url}/mcp`, auth: { method: 'headers', headers: { Authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}` } } },
    });
    for (const name of ['basic', 'headers']) {
      const session = await openSession(kernel, await resolveTarget(kernel, name, {}), { timeoutMs: 10_000 });
      await session.request('ping');
      await session.close();
    }
    const error = await openSession(kernel, await resolveTarget(kernel, 'apikey', {}), { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(isMcpctlError(error) && error.code).toBe('MCPCTL_CLIENT_UNAUTHORIZED');
  });

  it('--header adds headers to a URL target', async () => {
    const { server } = await fixture({ FIXTURE_REQUIRE_AUTH: 'Token abc' });
    const kernel = await testKernel();
    const session = await openSession(kernel, await resolveTarget(kernel, `${server.url}/mcp`, { header: ['Authorization: Token abc'] }), { timeoutMs: 10_000 });
    await session.request('ping');
    await session.close();
  });
});
