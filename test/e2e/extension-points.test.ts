import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isolatedHome, pluginPaths, runCli } from '../helpers/cli.js';

/**
 * The extension points that are data, through the built CLI: hooks a plugin
 * declares in its manifest (test/fixtures/plugins/hook-declarer) tapped by
 * another plugin (hook-tapper), and a key a plugin adds to every server
 * entry (entry-key).
 */

interface Demo {
  greeting: string;
  decided: string | null;
  byName: string | null;
  used: { greeting: boolean; decide: boolean };
}

describe('plugin-declared hooks', () => {
  let env: NodeJS.ProcessEnv;
  let home: string;
  beforeEach(() => {
    ({ env, home } = isolatedHome());
  });
  const demo = (args: string[] = []) => runCli(['hook-demo', ...args], { env, cwd: home });

  it('are created from the manifest, tapped by another plugin (loaded with the declarer), and called by the declarer', () => {
    env.MCPCTL_PLUGINS = pluginPaths('hook-declarer', 'hook-tapper');
    const result = demo();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // Waterfall: the declarer's own tap first (registered in its setup), then the tapper's.
    expect(JSON.parse(result.stdout) as Demo).toEqual({ greeting: 'hello!, ada', decided: 'allow /x', byName: 'found ada', used: { greeting: true, decide: true } });
    // A keyed hook: only the tapped key answers.
    expect((JSON.parse(demo(['--name', 'bob']).stdout) as Demo).byName).toBeNull();
  });

  it('run with the declarer\'s taps only when no other plugin taps them', () => {
    env.MCPCTL_PLUGINS = pluginPaths('hook-declarer');
    expect(JSON.parse(demo().stdout) as Demo).toEqual({ greeting: 'hello!', decided: null, byName: null, used: { greeting: true, decide: false } });
  });

  it('bound each tap by the declared timeout and name the plugin that hung', () => {
    env.MCPCTL_PLUGINS = pluginPaths('hook-declarer', 'hook-tapper');
    env.HOOK_TAPPER_MODE = 'hang';
    const started = Date.now();
    const result = demo();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(124);
    expect(result.stderr).toContain('error MCPCTL_PLUGIN_HOOK_TIMEOUT: Plugin mcpctl-plugin-hook-tapper did not answer hook hook-declarer.greeting within 400ms');
  });

  it('tag a failing tap with its plugin and the hook', () => {
    env.MCPCTL_PLUGINS = pluginPaths('hook-declarer', 'hook-tapper');
    env.HOOK_TAPPER_MODE = 'throw';
    const result = demo();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error MCPCTL_PLUGIN_HOOK_FAILED: Plugin mcpctl-plugin-hook-tapper failed in hook hook-declarer.greeting: tapper broke');
  });

  it('show in plugins info; one outside the plugin\'s namespace is not created and doctor says why', () => {
    env.MCPCTL_PLUGINS = pluginPaths('hook-declarer', 'hook-tapper');
    const info = runCli(['plugins', 'info', 'mcpctl-plugin-hook-declarer'], { env, cwd: home });
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/hook hook-declarer\.greeting\s+AsyncSeriesWaterfallHook\(text, context\)\s+Amend a greeting/);
    expect(info.stdout).toMatch(/hook hook-declarer\.byName\s+AsyncSeriesBailHook \(keyed\)\(name\)/);
    const tapper = runCli(['plugins', 'info', 'mcpctl-plugin-hook-tapper'], { env, cwd: home });
    expect(tapper.stdout).toContain('taps:        hook-declarer.greeting, hook-declarer.decide, hook-declarer.byName');
    const doctor = runCli(['plugins', 'doctor', '--json'], { env, cwd: home });
    const report = JSON.parse(doctor.stdout) as { problems: Array<{ code: string; plugin: string; message: string; severity: string }> };
    expect(report.problems).toContainEqual(expect.objectContaining({
      code: 'MCPCTL_PLUGIN_HOOK_NAMESPACE', plugin: 'mcpctl-plugin-hook-declarer', severity: 'warning',
      message: 'Plugin mcpctl-plugin-hook-declarer declares hook "gateway.stolen" outside its namespace "hook-declarer"',
    }));
  });
});

describe('serverEntry fragments', () => {
  let env: NodeJS.ProcessEnv;
  let home: string;
  beforeEach(() => {
    ({ env, home } = isolatedHome());
  });
  const validate = (yaml: string) => {
    const file = join(home, 'mcpctl.config.yaml');
    writeFileSync(file, yaml);
    return runCli(['config', 'validate', '--config', file], { env, cwd: home });
  };

  it('let a plugin add a key to every entry, whatever its type', () => {
    env.MCPCTL_PLUGINS = pluginPaths('entry-key');
    const ok = validate('servers:\n  a: { type: stdio, command: x, labels: { team: core } }\n  b: { type: http, url: "http://127.0.0.1:1/mcp", labels: { env: dev } }\n');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const schema = JSON.parse(runCli(['config', 'schema'], { env, cwd: home }).stdout) as { $defs: Record<string, { $defs?: Record<string, unknown> }> };
    expect(schema.$defs['plugin:mcpctl-plugin-entry-key']!.$defs!['serverEntry']).toMatchObject({ properties: { labels: { type: 'object' } } });
  });

  it('report a bad value of the key with file, line and JSON pointer', () => {
    env.MCPCTL_PLUGINS = pluginPaths('entry-key');
    const result = validate(['servers:', '  a:', '    type: stdio', '    command: x', '    labels:', '      team: this-label-is-far-too-long', '      Bad: x', ''].join('\n'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mcpctl\.config\.yaml:6:7 {2}\/servers\/a\/labels\/team {2}expected a string of at most 20 characters/);
    expect(result.stderr).toMatch(/mcpctl\.config\.yaml:7:7 {2}\/servers\/a\/labels/);
    // The kernel's hint, then the one core's manifest gives for this code (the kernel names no command).
    expect(result.stderr).toContain('hint: Fix the values at the places shown; the composed JSON Schema says what each option takes. Run `mcpctl config validate` to see every problem');
  });

  it('without the plugin, the key is an unknown option', () => {
    const result = validate('servers:\n  a: { type: stdio, command: x, labels: { team: core } }\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mcpctl\.config\.yaml:2:33 {2}\/servers\/a\/labels {2}unknown option `labels`/);
  });

  it('the daemon\'s `supervise` comes from the daemon plugin and is checked against its schema', () => {
    const result = validate('servers:\n  a:\n    type: stdio\n    command: x\n    supervise: { restart: sometimes }\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mcpctl\.config\.yaml:5:\d+ {2}\/servers\/a\/supervise\/restart/);
  });
});
