import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeCluster } from './support/fake-cluster.js';
import { SECRET_VALUE } from './support/fixtures.js';

/**
 * Through the real CLI, with k8s as a built-in plugin (no `plugins:` entry):
 * `mcpctl call <entry> list kind=Pod` against the fake API server. Needs the
 * built workspace (`npm run build`). The CLI runs asynchronously: the fake
 * server answers from this process.
 */

const repo = resolve(import.meta.dirname, '../../..');
const cli = join(repo, 'cli/bin/mcpctl.js');
const built = existsSync(join(repo, 'plugins/k8s/dist/index.js')) && existsSync(join(repo, 'cli/dist'));
const cluster = useFakeCluster();

function run(dir: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), HOME: dir, XDG_CONFIG_HOME: join(dir, 'c'), XDG_DATA_HOME: join(dir, 'd'), XDG_STATE_HOME: join(dir, 's'), XDG_CACHE_HOME: join(dir, 'k'), XDG_RUNTIME_DIR: join(dir, 'r'), MCPCTL_LOG_LEVEL: 'warn' };
    for (const key of Object.keys(env)) if (key.startsWith('MCPCTL_') && key !== 'MCPCTL_LOG_LEVEL') delete env[key];
    const child = spawn(process.execPath, [cli, '--config', join(dir, 'mcpctl.config.yaml'), ...args], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', fail);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr });
    });
  });
}

describe.skipIf(!built)('mcpctl CLI with a built-in k8s server', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcpctl-k8s-cli-'));
    writeFileSync(join(dir, 'mcpctl.config.yaml'), [
      'servers:',
      `  cluster: { type: k8s, kubeconfig: ${JSON.stringify(cluster.kubeconfig())}, namespaces: [team-a] }`,
      '',
    ].join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('call cluster list kind=Pod prints the pods and exits 0', async () => {
    const result = await run(dir, ['--json', 'call', '--no-daemon', 'cluster', 'list', 'kind=Pod', 'namespace=team-a']);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { structuredContent: { kind: string; items: Array<{ name: string; namespace: string }> } };
    expect(out.structuredContent.kind).toBe('Pod');
    expect(out.structuredContent.items.map((i) => i.name)).toContain('web-5d9c-aaaaa');
    expect(out.structuredContent.items.every((i) => i.namespace === 'team-a')).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(cluster.fake().token);
  });

  it('text output lists one pod per line', async () => {
    const result = await run(dir, ['call', '--no-daemon', 'cluster', 'list', 'kind=Pod']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/team-a\tweb-5d9c-aaaaa\t1\/1\tRunning/);
  });

  it('a refused namespace is a tool error: exit 1 with the reason, nothing sent', async () => {
    const since = cluster.fake().requests.length;
    const result = await run(dir, ['call', '--no-daemon', 'cluster', 'get', 'kind=Secret', 'name=other-secret', 'namespace=team-b']);
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain('namespace team-b is not in');
    expect(cluster.fake().requests.slice(since).filter((r) => r.namespace === 'team-b')).toEqual([]);
    expect(result.stdout + result.stderr).not.toContain(SECRET_VALUE);
  });

  it('config validate accepts the entry and plugins list shows the plugin as built in', async () => {
    expect((await run(dir, ['config', 'validate'])).status).toBe(0);
    const plugins = await run(dir, ['--json', 'plugins', 'list']);
    expect(plugins.stdout).toContain('@mcpctl/plugin-k8s');
  });
});
