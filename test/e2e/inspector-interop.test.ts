import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, isolatedHome } from '../helpers/cli.js';

// The MCP Inspector CLI (a dev dependency) drives `mcpctl serve files` over stdio, as its users do.
// It declares the roots capability and answers roots/list with an empty list.
const inspectorPackage = createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector/package.json');
const INSPECTOR = join(dirname(inspectorPackage), 'clients/launcher/build/index.js');

function inspector(cwd: string, env: NodeJS.ProcessEnv, ...method: string[]): { code: number | null; json: any; stderr: string } {
  const result = spawnSync(process.execPath, [INSPECTOR, '--cli', process.execPath, CLI, 'serve', 'files', ...method], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  let json: unknown;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    json = undefined;
  }
  return { code: result.status, json, stderr: result.stderr };
}

describe('the MCP Inspector CLI against mcpctl serve (fs)', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    ({ home, env } = isolatedHome());
    mkdirSync(join(home, 'docs'));
    writeFileSync(join(home, 'docs/README.md'), '# Hello from the docs\n');
    writeFileSync(join(home, 'secret.txt'), 's3cr3t-marker\n');
    writeFileSync(join(home, 'mcpctl.config.yaml'), 'servers:\n  files: { type: fs, roots: [./docs] }\n');
  });

  it('lists the tools', () => {
    const result = inspector(home, env, '--method', 'tools/list');
    expect(result.code, result.stderr).toBe(0);
    const names = (result.json as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['list_roots', 'read_text', 'find', 'grep']));
  });

  it('reads a file: an empty roots/list leaves the configured roots in force', () => {
    const result = inspector(home, env, '--method', 'tools/call', '--tool-name', 'read_text', '--tool-arg', 'path=README.md');
    expect(result.code, result.stderr).toBe(0);
    expect(result.json.isError ?? false).toBe(false);
    expect(result.json.structuredContent).toMatchObject({ path: 'README.md', text: '# Hello from the docs\n', truncated: false });
  });

  it('still refuses a path outside the configured roots', () => {
    const result = inspector(home, env, '--method', 'tools/call', '--tool-name', 'read_text', '--tool-arg', `path=${join(home, 'secret.txt')}`);
    expect(result.json?.isError, result.stderr).toBe(true);
    expect(JSON.stringify(result.json)).toContain('OUTSIDE_ROOTS');
    expect(JSON.stringify(result.json)).not.toContain('s3cr3t-marker');
  });
});
