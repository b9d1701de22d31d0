import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliEnv } from '../client/cli.js';

/**
 * End to end: a real `mcpctl serve <name> --transport http` whose entry has
 * `serve.auth`, driven by plain HTTP requests and by an SDK client.
 */

const API_KEY = 'k-0123456789abcdef0123456789abcdef';
const PASSWORD = 'correct horse battery staple';

let dir: string;
let config: string;
let env: Record<string, string>;

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { env, input, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcpctl-serve-auth-'));
  env = cliEnv(dir, { MCPCTL_LOG_LEVEL: 'warn', ENV_KEY: 'from-the-environment' }) as Record<string, string>;
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'README.md'), '# Docs\n');
  // The password hash comes from the command users run to make one.
  const hashed = cli(['auth', 'hash', '--method', 'basic'], `${PASSWORD}\n`);
  expect(hashed.status).toBe(0);
  const passwordHash = hashed.stdout.trim();
  expect(passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
  config = join(dir, 'mcpctl.config.yaml');
  writeFileSync(config, [
    'servers:',
    '  keyed:',
    '    type: fs',
    '    roots: [./docs]',
    '    serve:',
    '      auth:',
    '        method: api-key',
    '        keys:',
    `          - { id: ci, sha256: "${createHash('sha256').update(API_KEY).digest('hex')}", scopes: [files.read] }`,
    '          - { id: env, key: "${env:ENV_KEY}" }',
    '  bearer:',
    '    type: fs',
    '    roots: [./docs]',
    '    serve: { auth: { method: api-key, header: Authorization, scheme: Bearer, keys: [{ key: "${env:ENV_KEY}" }] } }',
    '  users:',
    '    type: fs',
    '    roots: [./docs]',
    '    serve:',
    '      auth:',
    '        method: basic',
    '        realm: docs',
    `        users: [{ username: alice, hash: "${passwordHash}" }]`,
    '  misplaced: { type: fs, roots: [./docs], auth: { method: bearer, token: x } }',
    '',
  ].join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function serve(name: string): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'serve', name, '--config', config, '--transport', 'http', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = Date.now();
  while (!/serving \S+ on (http:\/\/\S+)/.test(stderr)) {
    if (child.exitCode !== null || Date.now() - started > 15_000) throw new Error(`serve ${name} did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = (/serving \S+ on (http:\/\/\S+)/.exec(stderr) as RegExpExecArray)[1] as string;
  return {
    url,
    child,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: initialize });

async function connects(url: string, headers: Record<string, string>): Promise<string[]> {
  const client = new Client({ name: 'auth-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  try {
    return (await client.listTools()).tools.map((tool) => tool.name);
  } finally {
    await client.close();
  }
}

describe('mcpctl serve --transport http with serve.auth', () => {
  it('api-key: 401 with a challenge without or with a wrong key; a listed key (hashed or from the environment) gets in', async () => {
    const server = await serve('keyed');
    try {
      const missing = await post(server.url);
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('ApiKey realm="mcpctl", header="X-API-Key"');
      expect((await missing.json()) as unknown).toMatchObject({ error: { message: expect.stringContaining('X-API-Key') } });
      const wrong = await post(server.url, { 'x-api-key': `${API_KEY}x` });
      expect(wrong.status).toBe(401);
      expect(await connects(server.url, { 'X-API-Key': API_KEY })).toContain('read_text');
      expect(await connects(server.url, { 'X-API-Key': 'from-the-environment' })).toContain('read_text');
      // mcpctl's own client, without a key, reads the challenge and says which header to send.
      const refused = cli(['tools', server.url, '--json']);
      expect(refused.status).toBe(3);
      expect(JSON.parse(refused.stdout)).toMatchObject({
        code: 'MCPCTL_CLIENT_UNAUTHORIZED',
        message: `${server.url} answered 401 Unauthorized: it wants api-key authentication and none is configured`,
        hint: expect.stringContaining("auth: { method: api-key, key: \"${env:API_KEY}\" } — or pass --header 'X-API-Key: …'"),
      });
      expect(cli(['tools', server.url, '--header', `X-API-Key: ${API_KEY}`]).status).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('api-key with a scheme: the key must follow "Bearer "', async () => {
    const server = await serve('bearer');
    try {
      const bare = await post(server.url, { authorization: 'from-the-environment' });
      expect(bare.status).toBe(401);
      expect(bare.headers.get('www-authenticate')).toBe('Bearer realm="mcpctl"');
      expect(await connects(server.url, { Authorization: 'Bearer from-the-environment' })).toContain('read_text');
    } finally {
      await server.stop();
    }
  });

  it('basic: 401 with a Basic challenge for a wrong password or an unknown user; the right password gets in', async () => {
    const server = await serve('users');
    const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    try {
      const missing = await post(server.url);
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Basic realm="docs", charset="UTF-8"');
      expect((await post(server.url, { authorization: basic('alice', 'wrong') })).status).toBe(401);
      expect((await post(server.url, { authorization: basic('mallory', PASSWORD) })).status).toBe(401);
      expect(await connects(server.url, { Authorization: basic('alice', PASSWORD) })).toContain('read_text');
    } finally {
      await server.stop();
    }
  });

  it('refuses to serve an entry whose auth: is a client method, saying where the verifier goes', () => {
    const result = cli(['serve', 'misplaced', '--config', config, '--transport', 'http', '--port', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('MCPCTL_SERVE_AUTH_MISPLACED');
    expect(result.stderr).toContain('serve: { auth:');
  });

  it('validates serve.auth against the verifier\'s schema, with line and JSON pointer', () => {
    const bad = join(dir, 'bad-auth.yaml');
    writeFileSync(bad, [
      'servers:',
      '  a:',
      '    type: fs',
      '    roots: [./docs]',
      '    serve:',
      '      auth: { method: api-key, keys: [{ sha256: not-hex }] }',
      '  b:',
      '    type: fs',
      '    roots: [./docs]',
      '    serve: { auth: { method: magic } }',
      '',
    ].join('\n'));
    const result = cli(['config', 'validate', '--config', bad]);
    expect(result.status).toBe(2);
    const output = result.stdout + result.stderr;
    expect(output).toMatch(/bad-auth\.yaml:6:\d+\s+\/servers\/a\/serve\/auth\/keys\/0\/sha256/);
    expect(output).toContain('/servers/b/serve/auth/method');
    expect(output).toContain('found string "magic"');
    expect(output).toContain('"api-key", "basic"');
    expect(output).not.toContain('unknown option');
  });

  it('auth hash: a generated key and its SHA-256, as JSON', () => {
    const result = cli(['auth', 'hash', '--method', 'api-key', '--generate', '--json']);
    expect(result.status).toBe(0);
    const { key, sha256 } = JSON.parse(result.stdout) as { key: string; sha256: string };
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sha256).toBe(createHash('sha256').update(key).digest('hex'));
    expect(cli(['auth', 'hash', '--method', 'basic', '--generate']).status).toBe(2);
  });
});
