import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_PLUGINS, isolatedHome, pluginPaths, runCli } from '../helpers/cli.js';

interface DoctorReport {
  ok: boolean;
  problems: Array<{ code: string; plugin: string; source: string; path: string; message: string; hint: string; severity: string }>;
}

/** Each broken fixture: the code `plugins doctor` must report, and a command it declares. */
const BROKEN: Array<[fixture: string, code: string, plugin: string]> = [
  ['bad-manifest', 'MCPCTL_PLUGIN_MANIFEST_INVALID', 'mcpctl-plugin-bad-manifest'],
  ['incompatible-api', 'MCPCTL_PLUGIN_API_INCOMPATIBLE', 'mcpctl-plugin-incompatible-api'],
  ['missing-entry', 'MCPCTL_PLUGIN_ENTRY_MISSING', 'mcpctl-plugin-missing-entry'],
  ['setup-throws', 'MCPCTL_PLUGIN_SETUP_FAILED', 'mcpctl-plugin-setup-throws'],
  ['setup-hangs', 'MCPCTL_PLUGIN_SETUP_TIMEOUT', 'mcpctl-plugin-setup-hangs'],
];

describe('plugin discovery and isolation (built binary)', () => {
  let env: NodeJS.ProcessEnv;
  let home: string;
  beforeEach(() => {
    ({ env, home } = isolatedHome());
    env.MCPCTL_PLUGIN_TIMEOUT_MS = '700';
  });

  it('loads a good ESM plugin and a good CommonJS plugin from MCPCTL_PLUGINS', () => {
    env.MCPCTL_PLUGINS = pluginPaths('good-esm', 'good-cjs');
    const help = runCli(['--help'], { env, cwd: home });
    expect(help.stdout).toContain('Fixtures:');
    expect(help.stdout).toMatch(/hello\s+Say hello \(ESM fixture\)\s+\[mcpctl-plugin-good-esm\]/);
    expect(runCli(['hello', '--name', 'ada', '--times', '2'], { env, cwd: home })).toMatchObject({
      code: 0,
      stdout: 'hello ada from mcpctl-plugin-good-esm (greeting: none)\n'.repeat(2),
    });
    expect(runCli(['hello-cjs', 'bob'], { env, cwd: home })).toMatchObject({ code: 0, stdout: 'hello bob\n' });
    const bad = runCli(['hello', '--times', 'many'], { env, cwd: home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--times expects a number, got "many"');
  });

  it("passes the plugin its own validated settings from pluginConfig", () => {
    env.MCPCTL_PLUGINS = pluginPaths('good-esm');
    writeFileSync(join(home, 'mcpctl.config.json'), JSON.stringify({ pluginConfig: { 'mcpctl-plugin-good-esm': { greeting: 'hi' } } }));
    expect(runCli(['hello'], { env, cwd: home }).stdout).toBe('hello world from mcpctl-plugin-good-esm (greeting: hi)\n');
  });

  it.each(BROKEN)('%s: reported by doctor with its code, while --help and other commands keep working', (fixture, code, plugin) => {
    env.MCPCTL_PLUGINS = pluginPaths(fixture, 'good-esm');
    const help = runCli(['--help'], { env, cwd: home });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('plugins doctor');
    expect(runCli(['hello'], { env, cwd: home }).code).toBe(0);
    expect(runCli(['plugins', 'list'], { env, cwd: home }).code).toBe(0);

    const doctor = runCli(['plugins', 'doctor', '--json'], { env, cwd: home });
    expect(doctor.code).toBe(1);
    const report = JSON.parse(doctor.stdout) as DoctorReport;
    const problem = report.problems.find((entry) => entry.plugin === plugin);
    expect(problem).toMatchObject({ code, source: 'env', path: join(FIXTURE_PLUGINS, fixture), severity: 'error' });
    expect(problem!.hint.length).toBeGreaterThan(10);
  });

  it('a command of a plugin whose setup throws fails with exit 1 and names the plugin; its taps are neutralised', () => {
    env.MCPCTL_PLUGINS = pluginPaths('setup-throws');
    const result = runCli(['boom'], { env, cwd: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('MCPCTL_PROVIDER_UNAVAILABLE');
    expect(result.stderr).toContain('mcpctl-plugin-setup-throws');
  });

  it('a hanging setup is cut off by the timeout', () => {
    env.MCPCTL_PLUGINS = pluginPaths('setup-hangs');
    const started = Date.now();
    const result = runCli(['hang'], { env, cwd: home });
    expect(result.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    const doctor = JSON.parse(runCli(['plugins', 'doctor', '--json'], { env, cwd: home }).stdout) as DoctorReport;
    expect(doctor.problems.find((problem) => problem.plugin === 'mcpctl-plugin-setup-hangs')?.message).toContain('did not finish setup within 700ms');
  });

  it('two plugins claiming one command: the higher precedence wins, with a warning', () => {
    // good-esm comes from the user folder, duplicate-command from MCPCTL_PLUGINS (higher).
    const userDir = join(env.XDG_DATA_HOME!, 'mcpctl/plugins');
    mkdirSync(userDir, { recursive: true });
    cpSync(join(FIXTURE_PLUGINS, 'good-esm'), join(userDir, 'good-esm'), { recursive: true });
    env.MCPCTL_PLUGINS = pluginPaths('duplicate-command');
    expect(runCli(['hello'], { env, cwd: home }).stdout).toBe('duplicate ran\n');
    const report = JSON.parse(runCli(['plugins', 'doctor', '--json'], { env, cwd: home }).stdout) as DoctorReport;
    const conflicts = report.problems.filter((problem) => problem.code === 'MCPCTL_PLUGIN_CONFLICT');
    expect(conflicts.map((problem) => problem.plugin).sort()).toEqual(['@mcpctl/plugin-core', 'mcpctl-plugin-good-esm']);
    expect(conflicts.every((problem) => problem.severity === 'warning')).toBe(true);
  });

  it('a duplicate plugin name resolves to the higher-precedence copy, with a warning', () => {
    const userDir = join(env.XDG_DATA_HOME!, 'mcpctl/plugins');
    mkdirSync(userDir, { recursive: true });
    cpSync(join(FIXTURE_PLUGINS, 'good-esm'), join(userDir, 'good-esm'), { recursive: true });
    env.MCPCTL_PLUGINS = pluginPaths('good-esm-copy');
    const list = JSON.parse(runCli(['plugins', 'list', '--json'], { env, cwd: home }).stdout) as Array<{ name: string; version: string; source: string; state: string }>;
    const copies = list.filter((plugin) => plugin.name === 'mcpctl-plugin-good-esm');
    expect(copies).toEqual([
      expect.objectContaining({ version: '9.9.9', source: 'env', state: 'discovered' }),
      expect.objectContaining({ version: '1.2.0', source: 'user', state: 'shadowed' }),
    ]);
    const report = JSON.parse(runCli(['plugins', 'doctor', '--json'], { env, cwd: home }).stdout) as DoctorReport;
    expect(report.problems.find((problem) => problem.code === 'MCPCTL_PLUGIN_DUPLICATE')?.severity).toBe('warning');
  });

  it('plugins listed in the config load relative to the config file', () => {
    writeFileSync(join(home, 'mcpctl.config.json'), JSON.stringify({ plugins: [join(FIXTURE_PLUGINS, 'good-cjs')] }));
    const list = JSON.parse(runCli(['plugins', 'list', '--json'], { env, cwd: home }).stdout) as Array<{ name: string; source: string }>;
    expect(list.find((plugin) => plugin.name === 'mcpctl-plugin-good-cjs')?.source).toBe('config');
    expect(runCli(['hello-cjs'], { env, cwd: home }).stdout).toBe('hello cjs\n');
  });

  it('--safe-mode and MCPCTL_SAFE_MODE load built-ins only', () => {
    env.MCPCTL_PLUGINS = pluginPaths('good-esm', 'setup-throws');
    expect(runCli(['hello', '--safe-mode'], { env, cwd: home }).code).toBe(2);
    const list = JSON.parse(runCli(['plugins', 'list', '--json'], { env: { ...env, MCPCTL_SAFE_MODE: '1' }, cwd: home }).stdout) as Array<{ source: string }>;
    expect(new Set(list.map((plugin) => plugin.source))).toEqual(new Set(['builtin']));
  });
});
