import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO } from '../helpers/cli.js';

// An unsupported Node to start things with: these machines ship Node 20 as /usr/bin/node
// (MCPCTL_TEST_OLD_NODE names another). Without one there is nothing to test: say so loudly.
const OLD_NODE = process.env.MCPCTL_TEST_OLD_NODE ?? '/usr/bin/node';
const oldVersion = spawnSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).stdout?.trim();
const [major = Infinity, minor = 0] = /^v(\d+)\.(\d+)/.exec(oldVersion ?? '')?.slice(1).map(Number) ?? [];
const isOld = major < 22 || (major === 22 && minor < 13);
if (!isOld) console.warn(`\n*** old-node tests skipped: ${OLD_NODE} is ${oldVersion ?? 'missing'}, not a Node older than 22.13 (set MCPCTL_TEST_OLD_NODE) ***\n`);
const ENSURE_NODE = join(REPO, 'scripts/ensure-node.mjs');
const cleanEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: `/usr/local/bin:/usr/bin:/bin`, HOME: mkdtempSync(join(tmpdir(), 'mcpctl-oldnode-')), ...extra });

describe.skipIf(!isOld)(`on an unsupported Node (${oldVersion})`, () => {
  it('mcpctl says in one line which Node it needs and exits 2', () => {
    for (const args of [['--version'], ['--help'], ['call', 'files', 'read_text', 'path=x']]) {
      const result = spawnSync(OLD_NODE, [CLI, ...args], { encoding: 'utf8', env: cleanEnv() });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`mcpctl: needs Node.js >= 22.13 (Node 24 LTS recommended); this is Node ${oldVersion} (${OLD_NODE}).\n`);
    }
  });

  it('scripts/ensure-node.mjs runs a script on the cached supported Node', () => {
    // A cache that already holds a supported Node (this test's own) is used as it is: nothing is installed.
    const cache = mkdtempSync(join(tmpdir(), 'mcpctl-node-cache-'));
    const bin = join(cache, 'node_modules', `node-linux-${process.arch}`, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, join(bin, 'node'));
    const env = cleanEnv({ MCPCTL_NODE_CACHE: cache });
    const script = spawnSync(OLD_NODE, [ENSURE_NODE, join(REPO, 'test/fixtures/scripts/print-node-version.mjs')], { encoding: 'utf8', env });
    expect(script.stderr).toBe('');
    expect(script.stdout.trim()).toBe(process.version);
    expect(script.status).toBe(0);
    // --exec puts that Node first on PATH for the command and its children.
    const exec = spawnSync(OLD_NODE, [ENSURE_NODE, '--exec', 'node', '--version'], { encoding: 'utf8', env });
    expect(exec.stdout.trim()).toBe(process.version);
    expect(spawnSync(OLD_NODE, [ENSURE_NODE, '--print-bin'], { encoding: 'utf8', env }).stdout.trim()).toBe(bin);
    // Exit codes pass through.
    expect(spawnSync(OLD_NODE, [ENSURE_NODE, '--exec', 'node', '-e', 'process.exit(7)'], { env }).status).toBe(7);
  });

  it('scripts/ensure-node.mjs prints one clear line, not a stack trace, when Node 24 cannot be installed', () => {
    const cache = mkdtempSync(join(tmpdir(), 'mcpctl-node-cache-'));
    // A registry that refuses at once (nothing listens on port 9), and no retries.
    const env = cleanEnv({ MCPCTL_NODE_CACHE: cache, npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0', npm_config_cache: join(cache, 'npm-cache'), npm_config_offline: 'false' });
    const result = spawnSync(OLD_NODE, [ENSURE_NODE, '--exec', 'node', '--version'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(result.status).toBe(2);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('mcpctl: '));
    expect(lines[0]).toContain(`is older than 22.13; installing Node 24 (node-linux-${process.arch}@24)`);
    expect(lines.at(-1)).toMatch(/^mcpctl: Node\.js >= 22\.13 is needed \(this is v\d+[^)]*\) and Node 24 could not be installed from the npm registry \(npm exited with \d+\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
