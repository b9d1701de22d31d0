import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_FIXTURES as CONFIGS, MALFORMED, malformedCases as cases } from '../../kernel/test/config/helpers.js';
import { isolatedHome, runCli } from '../helpers/cli.js';

describe('config errors through the built CLI', () => {
  let env: NodeJS.ProcessEnv;
  let home: string;
  beforeAll(() => {
    ({ env, home } = isolatedHome());
    // The fixture plugin provides the types the fixtures use (memo, pipe, web, shared-key).
    env = { ...env, MCPCTL_PLUGINS: join(CONFIGS, 'plugin') };
  });

  it.each(cases.filter((testCase) => !testCase.inProcessOnly).map((testCase) => [testCase.file, testCase] as const))('config validate --config %s exits 2 naming the place', (_name, testCase) => {
    const args = ['config', 'validate', '--config', join(MALFORMED, testCase.file), ...(testCase.profile ? ['--profile', testCase.profile] : [])];
    const result = runCli(args, { env, cwd: home });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(testCase.code);
    expect(result.stderr).toContain(testCase.message);
    if (testCase.code === 'MCPCTL_CONFIG_PROFILE_UNKNOWN') return; // names the profile, not a place
    expect(result.stderr).toContain(`:${testCase.line}:${testCase.column}`);
    if (testCase.pointer) expect(result.stderr).toContain(testCase.pointer);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // no stack trace
  });

  it('--json puts the issues on stdout', () => {
    const result = runCli(['config', 'validate', '--json', '--config', join(MALFORMED, 'unknown-server-option.yaml')], { env, cwd: home });
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as { valid: boolean; issues: Array<{ pointer: string; line: number; column: number }> };
    expect(body.valid).toBe(false);
    expect(body.issues).toMatchObject([{ pointer: '/servers/files/rots', line: 5, column: 5 }]);
  });

  it('a valid config validates, and shows with secrets redacted', () => {
    const config = join(CONFIGS, 'valid/mcpctl.config.yaml');
    const ok = runCli(['config', 'validate', '--config', config], { env, cwd: home });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(`✓ ${config} is valid\n`);

    const shown = runCli(['config', 'show', '--json', '--config', config], { env: { ...env, FIXTURE_API_TOKEN: 'tok-123' }, cwd: home });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).not.toContain('tok-123');
    const body = JSON.parse(shown.stdout) as { servers: Record<string, Record<string, unknown>> };
    expect(body.servers['tools']!['env']).toEqual({ API_TOKEN: '[redacted]', LOG_LEVEL: 'info' });
    expect(body.servers['files']!['readOnly']).toBe(true); // default from the plugin's schema

    const ci = runCli(['config', 'show', '--config', config, '--profile', 'ci'], { env, cwd: home });
    expect(ci.code, ci.stderr).toBe(0);
    expect(ci.stdout.split('\n')[0]).toBe(`# ${config} (profile: ci)`);
    const ciJson = JSON.parse(runCli(['config', 'show', '--json', '--config', config, '--profile', 'ci'], { env, cwd: home }).stdout) as { servers: Record<string, Record<string, unknown>> };
    expect(Object.keys(ciJson.servers)).toEqual(['files', 'tools']);
    expect(ciJson.servers['files']!['readOnly']).toBe(false);
  });

  it('a missing --config file exits 2', () => {
    const result = runCli(['config', 'validate', '--config', join(home, 'nope.yaml')], { env, cwd: home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('MCPCTL_CONFIG_NOT_FOUND');
  });
});

describe('init, path, schema and import through the built CLI', () => {
  it('init writes a valid starter config and schema, and never overwrites without --force', () => {
    const { env, home } = isolatedHome();
    const first = runCli(['init'], { env, cwd: home });
    expect(first.code, first.stderr).toBe(0);
    const config = join(home, 'mcpctl.config.yaml');
    expect(readFileSync(config, 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/mcpctl\.schema\.json\n/);
    expect(JSON.parse(readFileSync(join(home, 'mcpctl.schema.json'), 'utf8'))).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema' });

    const valid = runCli(['config', 'validate'], { env, cwd: home });
    expect(valid.code, valid.stderr).toBe(0);
    expect(runCli(['config', 'path'], { env, cwd: home }).stdout).toBe(`${config}\n`);

    writeFileSync(config, 'servers: {}\n');
    const again = runCli(['init'], { env, cwd: home });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('MCPCTL_CONFIG_EXISTS');
    expect(readFileSync(config, 'utf8')).toBe('servers: {}\n');
    expect(runCli(['init', '--force'], { env, cwd: home }).code).toBe(0);
    expect(readFileSync(config, 'utf8')).toContain('everything:');

    const json = runCli(['init', '--format', 'json'], { env, cwd: home });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(home, 'mcpctl.config.json'), 'utf8'))).toMatchObject({ $schema: './mcpctl.schema.json' });
    expect(json.stderr).toContain('mcpctl.config.yaml in this directory is found first');
  });

  it('config path exits 1 when there is no config', () => {
    const { env, home } = isolatedHome();
    const result = runCli(['config', 'path'], { env, cwd: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No config file found');
    const json = JSON.parse(runCli(['config', 'path', '--json'], { env, cwd: home }).stdout) as { file: null; searchPlaces: string[] };
    expect(json.file).toBeNull();
    expect(json.searchPlaces[0]).toBe('mcpctl.config.yaml');
  });

  it('config schema prints the composed schema with the installed types', () => {
    const { env, home } = isolatedHome();
    const result = runCli(['config', 'schema'], { env: { ...env, MCPCTL_PLUGINS: join(CONFIGS, 'plugin') }, cwd: home });
    expect(result.code, result.stderr).toBe(0);
    const schema = JSON.parse(result.stdout) as { $defs: { serverEntry: { properties: { type: { enum: string[] } } } } };
    expect(schema.$defs.serverEntry.properties.type.enum).toEqual(expect.arrayContaining(['stdio', 'http', 'sse', 'memo', 'pipe', 'web']));
  });

  it('config import merges a Claude Desktop file into the config, keeping entries and comments', () => {
    const { env, home } = isolatedHome();
    const config = join(home, 'mcpctl.config.yaml');
    writeFileSync(config, '# mine\nservers:\n  # keep me\n  everything: { type: stdio, command: npx }\n');
    const source = join(home, 'claude_desktop_config.json');
    writeFileSync(source, JSON.stringify({ mcpServers: { everything: { command: 'other' }, files: { command: 'npx', args: ['-y', 'server-filesystem', '/tmp'] } } }));

    const dry = runCli(['config', 'import', source, '--dry-run'], { env, cwd: home });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('# keep me');
    expect(dry.stdout).toContain('  files:\n    type: stdio\n');
    expect(dry.stderr).toContain('Already configured, kept as they are: everything');
    expect(readFileSync(config, 'utf8')).not.toContain('files:');

    const done = runCli(['config', 'import', source], { env, cwd: home });
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Imported 1 server(s)');
    const text = readFileSync(config, 'utf8');
    expect(text).toContain('# keep me');
    expect(text).toContain('command: npx }');
    expect(text).toContain('files:');
    expect(runCli(['config', 'validate'], { env, cwd: home }).code).toBe(0);
  });

  it('config import creates mcpctl.config.yaml when there is no config', () => {
    const { env, home } = isolatedHome();
    const source = join(home, 'mcp.json');
    writeFileSync(source, '{ "servers": { "remote": { "type": "http", "url": "https://example.com/mcp" } } }');
    const result = runCli(['config', 'import', source, '--name-prefix', 'vs-'], { env, cwd: home });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(home, 'mcpctl.config.yaml'))).toBe(true);
    expect(readFileSync(join(home, 'mcpctl.config.yaml'), 'utf8')).toContain('vs-remote:\n    type: http\n    url: https://example.com/mcp\n');
  });
});
