import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isolatedHome, REPO, runCli } from '../helpers/cli.js';

const version = (JSON.parse(readFileSync(join(REPO, 'cli/package.json'), 'utf8')) as { version: string }).version;

describe('mcpctl (built binary)', () => {
  let env: NodeJS.ProcessEnv;
  let home: string;
  beforeEach(() => ({ env, home } = isolatedHome()));

  it('prints its version', () => {
    const result = runCli(['--version'], { env });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints help listing every built-in command by category, with exit codes', () => {
    const result = runCli(['--help'], { env, cwd: home });
    expect(result.code).toBe(0);
    for (const line of ['Config:', 'Plugins:', 'Client:', 'config validate', 'plugins doctor', 'call', 'Exit codes: 0 ok']) expect(result.stdout).toContain(line);
    expect(result.stderr).toBe('');
  });

  it('with no arguments prints help and exits 0', () => {
    const result = runCli([], { env, cwd: home });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: mcpctl <command>');
  });

  it('prints the help of a command group and of a command', () => {
    const group = runCli(['config', '--help'], { env, cwd: home });
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('config show');
    expect(group.stdout).not.toContain('plugins list');
    const command = runCli(['plugins', 'info', '--help'], { env, cwd: home });
    expect(command.code).toBe(0);
    expect(command.stdout).toContain('$ mcpctl plugins info <name>');
    expect(command.stdout).toContain('Examples');
  });

  it('every built-in command\'s --help names a placeholder word for each option value, never clipanion\'s #0', () => {
    const builtins = (JSON.parse(readFileSync(join(REPO, 'cli/package.json'), 'utf8')) as { mcpctl: { builtins: string[] } }).mcpctl.builtins;
    const paths = builtins.flatMap((name) => {
      const manifest = JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { mcpctl: { provides?: { commands?: Array<{ path: string[] }> } } };
      return (manifest.mcpctl.provides?.commands ?? []).map((command) => command.path);
    });
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const result = runCli([...path, '--help'], { env, cwd: home });
      expect(result.code, path.join(' ')).toBe(0);
      expect(result.stdout, path.join(' ')).toContain(`$ mcpctl ${path.join(' ')}`);
      expect(result.stdout, path.join(' ')).not.toMatch(/#\d/);
    }
  });

  it('`help <command>` is the same as `<command> --help`', () => {
    const viaHelp = runCli(['help', 'plugins', 'list'], { env, cwd: home });
    const viaFlag = runCli(['plugins', 'list', '--help'], { env, cwd: home });
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });

  it('an unknown command exits 2 with a suggestion', () => {
    const result = runCli(['plugins', 'lst'], { env, cwd: home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('MCPCTL_UNKNOWN_COMMAND');
    expect(result.stderr).toContain('Did you mean `mcpctl plugins list`?');
  });

  it('an unknown option exits 2 and names the command', () => {
    const result = runCli(['plugins', 'list', '--frobnicate'], { env, cwd: home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('MCPCTL_USAGE');
    expect(result.stderr).toContain('mcpctl plugins list --help');
  });

  it('errors are one JSON object on stdout with --json', () => {
    const result = runCli(['nosuch', '--json'], { env, cwd: home });
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as { code: string; message: string; hint: string };
    expect(body.code).toBe('MCPCTL_UNKNOWN_COMMAND');
    expect(body.message).toBe('Unknown command: nosuch');
    expect(body.hint).toContain('mcpctl --help');
  });

  it('rejects a bad --log-level with exit 2', () => {
    const result = runCli(['plugins', 'list', '--log-level', 'loud'], { env, cwd: home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--log-level must be one of');
  });

  it('lists built-in plugins as a table, and as JSON', () => {
    const table = runCli(['plugins', 'list'], { env, cwd: home });
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toBe('NAME\tVERSION\tSOURCE\tSTATE\tPROVIDES');
    expect(table.stdout).toMatch(/@mcpctl\/plugin-core\t0\.1\.0\tbuiltin\t/);
    const json = JSON.parse(runCli(['plugins', 'list', '--json'], { env, cwd: home }).stdout) as Array<{ name: string; source: string }>;
    expect(json.map((plugin) => plugin.name)).toContain('@mcpctl/plugin-core');
  });

  it('shows one plugin, and exits 2 for an unknown one', () => {
    const info = runCli(['plugins', 'info', '@mcpctl/plugin-core'], { env, cwd: home });
    expect(info.code).toBe(0);
    expect(info.stdout).toContain('source:      builtin');
    expect(info.stdout).toContain('mcpctl config validate');
    const missing = runCli(['plugins', 'info', 'nope'], { env, cwd: home });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('MCPCTL_PLUGIN_NOT_FOUND');
  });
});
