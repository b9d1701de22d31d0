import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStatements } from './support/fixtures.js';

/**
 * Through the real CLI: the plugin is discovered from the config's
 * `plugins:` list, `mcpctl call` runs one tool, `mcpctl serve` serves the
 * database over stdio to an SDK client. Needs the built workspace (`npm run build`).
 */

const repo = resolve(import.meta.dirname, '../../..');
const cli = join(repo, 'cli/bin/mcpctl.js');
const built = existsSync(join(repo, 'plugins/db/dist/index.js')) && existsSync(join(repo, 'cli/dist'));

describe.skipIf(!built)('mcpctl CLI with a db server', () => {
  let dir: string;
  let config: string;
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, '--config', config, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, DB_PASSWORD: 'v3ry-secret-pw', MCPCTL_LOG_LEVEL: 'warn' }, timeout: 30_000 });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcpctl-db-cli-'));
    const db = new DatabaseSync(join(dir, 'shop.db'));
    for (const sql of seedStatements('sqlite')) db.exec(sql);
    db.close();
    config = join(dir, 'mcpctl.config.yaml');
    writeFileSync(config, [
      `plugins: [${JSON.stringify(join(repo, 'plugins/db'))}]`,
      'servers:',
      '  shop: { type: db, url: "sqlite:./shop.db", maxRows: 2 }',
      '  remote: { type: db, url: "postgres://app:${env:DB_PASSWORD}@127.0.0.1:1/shop" }',
      '',
    ].join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('call query prints rows and exits 0', () => {
    const result = run('--json', 'call', 'shop', 'query', 'sql=SELECT id, name FROM accounts ORDER BY id');
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { structuredContent: { rows: unknown[][]; truncated: boolean; nextCursor?: string } };
    expect(out.structuredContent.rows).toEqual([[1, 'alice'], [2, 'bob']]);
    expect(out.structuredContent.truncated).toBe(true);
  });

  it('a write in read tier is a tool error: exit 1 with the reason', () => {
    const result = run('call', 'shop', 'query', 'sql=DELETE FROM accounts WHERE id = 1');
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain('needs access: write');
  });

  it('a failed connection exits 3 and never prints the password', () => {
    const result = run('call', 'remote', 'list_schemas');
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('127.0.0.1:1');
    expect(result.stdout + result.stderr).not.toContain('v3ry-secret-pw');
    const shown = run('config', 'show');
    expect(shown.stdout).not.toContain('v3ry-secret-pw');
  });

  it('serve --transport stdio serves every tool, with cursors across calls in one session', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [cli, '--config', config, 'serve', 'shop'], cwd: dir, stderr: 'pipe', env: { ...(process.env as Record<string, string>), DB_PASSWORD: 'v3ry-secret-pw' } });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: 'cli-e2e', version: '1.0.0' });
    await client.connect(transport).catch((error: Error) => {
      throw new Error(`${error.message}; server stderr: ${stderr}`);
    });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['list_schemas', 'list_tables', 'describe_table', 'search_objects', 'query', 'explain', 'execute']));
      const first = (await client.callTool({ name: 'query', arguments: { sql: 'SELECT n FROM numbers ORDER BY n' } })).structuredContent as { rows: unknown[][]; nextCursor: string };
      const second = (await client.callTool({ name: 'query', arguments: { cursor: first.nextCursor } })).structuredContent as { rows: unknown[][] };
      expect([...first.rows, ...second.rows]).toEqual([[1], [2], [3], [4]]);
    } finally {
      await client.close();
    }
  });
});
