import { spawn, spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliEnv } from '../client/cli.js';

/** End to end: the real CLI serving the fs server type, driven by an SDK client and by `mcpctl call`. */

let dir: string;
let config: string;
/** HOME and XDG_* in the temp dir: no user config, plugins or daemon. (Every variable cliEnv keeps is set.) */
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcpctl-serve-'));
  env = cliEnv(dir, { MCPCTL_LOG_LEVEL: 'warn' }) as Record<string, string>;
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'README.md'), '# Docs\nhello from docs\n');
  writeFileSync(join(dir, 'docs', '.env'), 'SECRET=1\n');
  config = join(dir, 'mcpctl.config.yaml');
  writeFileSync(
    config,
    ['servers:', '  files: { type: fs, roots: [./docs] }', '  rw: { type: fs, roots: [./docs], access: write }', '  remote: { type: http, url: "http://127.0.0.1:1/mcp" }', ''].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args, '--config', config], { env, input, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mcpctl serve files (stdio)', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ name: 'e2e', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'serve', 'files', '--config', config], env, stderr: 'pipe' }));
  });
  afterAll(() => client.close());

  it('serves the fs tools', async () => {
    expect(client.getServerVersion()?.name).toBe('mcpctl-fs');
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['read_text', 'grep', 'find', 'write', 'delete']));
    const read = await client.callTool({ name: 'read_text', arguments: { path: 'README.md' } });
    expect(read.structuredContent).toMatchObject({ text: '# Docs\nhello from docs\n', truncated: false });
  });

  it('refuses a write on a read entry, naming the setting', async () => {
    const result = await client.callTool({ name: 'write', arguments: { path: 'x.txt', content: 'x' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('write needs access: write on server files (currently read)');
  });

  it('writes nothing but protocol on stdout, and exits when stdin closes', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', 'files', '--config', config, '--log-level', 'debug'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const messages = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'grep', arguments: { pattern: 'hello' } } },
    ];
    child.stdin.write(messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
    await waitFor(() => stdout.split('\n').filter(Boolean).length >= 2, 15_000);
    child.stdin.end();
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter(Boolean);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(lines.map((line) => JSON.parse(line).id)).toEqual([1, 2]);
    expect(stdout).toContain('hello from docs');
  });
});

describe('mcpctl call against a served entry', () => {
  it('reads a file', () => {
    const result = cli(['call', 'files', 'read_text', 'path=README.md']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('hello from docs');
  });

  it('fails a write on a read-only entry with the setting to change', () => {
    const result = cli(['call', 'files', 'write', 'path=x.txt', 'content=hi']);
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain('write needs access: write on server files (currently read)');
  });

  it('writes on a write entry, and never reads a denied file', () => {
    expect(cli(['call', 'rw', 'write', 'path=new.txt', 'content=written']).status).toBe(0);
    expect(readFileSync(join(dir, 'docs', 'new.txt'), 'utf8')).toBe('written');
    const denied = cli(['call', 'files', 'read_text', 'path=.env']);
    expect(denied.status).toBe(1);
    expect(denied.stdout + denied.stderr).not.toContain('SECRET=1');
  });
});

describe('mcpctl serve files --transport http', () => {
  it('serves an SDK client, refuses DNS rebinding, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', 'files', '--config', config, '--transport', 'http', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      await waitFor(() => /serving files on (http:\/\/\S+)/.test(stderr), 15_000);
      const url = (/serving files on (http:\/\/\S+)/.exec(stderr) as RegExpExecArray)[1] as string;
      const client = new Client({ name: 'e2e-http', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      const read = await client.callTool({ name: 'read_text', arguments: { path: 'README.md' } });
      expect(read.structuredContent).toMatchObject({ text: '# Docs\nhello from docs\n' });
      expect(await statusOf(url, { host: 'evil.example.com' })).toBe(403);
      const foreignOrigin = await fetch(url, { method: 'POST', headers: { origin: 'http://evil.example.com', 'content-type': 'application/json' }, body: '{}' });
      expect(foreignOrigin.status).toBe(403);
      await client.close();
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    expect(code).not.toBeNull();
    expect(stdout).toBe('');
  });

  it('refuses to serve an external entry', () => {
    const result = cli(['serve', 'remote']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('MCPCTL_SERVE_NOT_HOSTED');
  });

  it("validates the entry against the plugin's schema before starting", () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'servers:\n  files: { type: fs, roots: [./docs], access: admin, rootz: 1 }\n');
    const result = spawnSync(process.execPath, [CLI, 'serve', 'files', '--config', bad], { env, encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('/servers/files/access');
    expect(result.stderr).toContain('unknown option `rootz`');
  });

  it('refuses an unknown name', () => {
    const result = cli(['serve', 'nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No server named "nope"');
  });
});

/** POST with chosen headers through node:http (fetch will not send a forged Host). */
function statusOf(url: string, headers: Record<string, string>): Promise<number> {
  const target = new URL(url);
  return new Promise((done, fail) => {
    const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end('{}');
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
