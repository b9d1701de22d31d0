import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_SEARCH_PLACES, readConfigFile } from '../../src/config/index.js';
import { errors } from '../../src/index.js';
import { tempDir } from './helpers.js';

const YAML_CONFIG = 'servers:\n  files:\n    type: memo\n    roots: [./docs]\n';

describe('readConfigFile: search', () => {
  it('returns undefined when nothing is found', async () => {
    const dir = tempDir({ 'package.json': '{"name":"x"}' });
    expect(await readConfigFile({ cwd: dir, env: {}, stopDir: dir })).toBeUndefined();
  });

  it('finds each search place, in the documented order', async () => {
    // Each file names itself in `plugins`, written in its own format.
    const contents: Record<string, string> = {
      'mcpctl.config.yaml': 'plugins: [mcpctl.config.yaml]',
      'mcpctl.config.yml': 'plugins: [mcpctl.config.yml]',
      'mcpctl.config.json': '{"plugins": ["mcpctl.config.json"]}',
      'mcpctl.config.js': 'export default { plugins: ["mcpctl.config.js"] };',
      'mcpctl.config.mjs': 'export default { plugins: ["mcpctl.config.mjs"] };',
      'mcpctl.config.ts': 'const c: { plugins: string[] } = { plugins: ["mcpctl.config.ts"] };\nexport default c;',
      '.mcpctlrc': 'plugins: [.mcpctlrc]',
      '.mcpctlrc.json': '{"plugins": [".mcpctlrc.json"]}',
      '.mcpctlrc.yaml': 'plugins: [.mcpctlrc.yaml]',
      '.mcpctlrc.yml': 'plugins: [.mcpctlrc.yml]',
      '.mcpctlrc.js': 'export default { plugins: [".mcpctlrc.js"] };',
      '.mcpctlrc.mjs': 'export default { plugins: [".mcpctlrc.mjs"] };',
      'package.json': '{"name": "p", "type": "module", "mcpctl": {"plugins": ["package.json"]}}',
    };
    expect(Object.keys(contents)).toEqual([...CONFIG_SEARCH_PLACES]);
    // Remove the winner one at a time: the next place must win.
    for (let first = 0; first < CONFIG_SEARCH_PLACES.length; first++) {
      const files = Object.fromEntries(CONFIG_SEARCH_PLACES.slice(first).map((name) => [name, contents[name]!]));
      const dir = tempDir(files);
      const found = await readConfigFile({ cwd: dir, env: {} });
      const expected = CONFIG_SEARCH_PLACES[first]!;
      expect(found?.filepath, expected).toBe(join(dir, expected));
      expect(found?.raw, expected).toEqual({ plugins: [expected] });
    }
  });

  it('searches parent directories up to the stop directory (home), then the global directory', async () => {
    const dir = tempDir({ 'mcpctl.config.yaml': YAML_CONFIG, 'package.json': '{"name":"root"}', 'home/project/src/.keep': '', 'global/.mcpctlrc.json': '{"plugins":["global"]}' });
    const src = join(dir, 'home/project/src');
    // Found above cwd while the stop directory is further up.
    expect((await readConfigFile({ cwd: src, env: {}, stopDir: dir }))?.filepath).toBe(join(dir, 'mcpctl.config.yaml'));
    // Not past the stop directory (HOME by default)...
    expect(await readConfigFile({ cwd: src, env: { HOME: join(dir, 'home') } })).toBeUndefined();
    // ...where the global directory is the last place looked at.
    const global = await readConfigFile({ cwd: src, env: { HOME: join(dir, 'home') }, globalDir: join(dir, 'global') });
    expect(global?.filepath).toBe(join(dir, 'global/.mcpctlrc.json'));
  });

  it('ignores package.json without an `mcpctl` field and keeps searching', async () => {
    const dir = tempDir({ 'package.json': '{"name":"p"}', '.mcpctlrc': YAML_CONFIG });
    expect((await readConfigFile({ cwd: dir, env: {} }))?.filepath).toBe(join(dir, '.mcpctlrc'));
  });
});

describe('readConfigFile: explicit path', () => {
  it('--config overrides the search and MCPCTL_CONFIG; MCPCTL_CONFIG overrides the search', async () => {
    const dir = tempDir({ 'mcpctl.config.yaml': 'plugins: [found]', 'other.yaml': 'plugins: [option]', 'env.json': '{"plugins":["env"]}' });
    const plugins = async (options: { configPath?: string; env?: Record<string, string> }) =>
      ((await readConfigFile({ cwd: dir, env: options.env ?? {}, ...(options.configPath ? { configPath: options.configPath } : {}) }))?.raw as { plugins: string[] }).plugins;
    expect(await plugins({})).toEqual(['found']);
    expect(await plugins({ env: { MCPCTL_CONFIG: 'env.json' } })).toEqual(['env']);
    expect(await plugins({ configPath: 'other.yaml', env: { MCPCTL_CONFIG: 'env.json' } })).toEqual(['option']);
    expect(await plugins({ configPath: join(dir, 'other.yaml') })).toEqual(['option']);
  });

  it('a missing explicit file is CONFIG_NOT_FOUND (exit 2), a directory CONFIG_LOAD', async () => {
    const dir = tempDir({ 'mcpctl.config.yaml': YAML_CONFIG });
    await expect(readConfigFile({ cwd: dir, configPath: 'nope.yaml', env: {} })).rejects.toMatchObject({
      code: errors.CONFIG_NOT_FOUND.code,
      exitCode: 2,
      message: `Config file not found: ${join(dir, 'nope.yaml')}`,
    });
    await expect(readConfigFile({ cwd: dir, env: { MCPCTL_CONFIG: 'gone.json' } })).rejects.toMatchObject({ code: errors.CONFIG_NOT_FOUND.code });
    await expect(readConfigFile({ cwd: dir, configPath: '.', env: {} })).rejects.toMatchObject({ code: errors.CONFIG_LOAD.code, exitCode: 2 });
  });

  it('an explicit file with an unknown extension is CONFIG_LOAD', async () => {
    const dir = tempDir({ 'config.toml': 'a = 1' });
    await expect(readConfigFile({ cwd: dir, configPath: 'config.toml', env: {} })).rejects.toMatchObject({ code: errors.CONFIG_LOAD.code, exitCode: 2 });
  });
});

describe('readConfigFile: formats', () => {
  it('YAML: keeps the source and maps pointers to key positions', async () => {
    const dir = tempDir({ 'mcpctl.config.yaml': `# comment\n${YAML_CONFIG}` });
    const file = (await readConfigFile({ cwd: dir, env: {} }))!;
    expect(file.format).toBe('yaml');
    expect(file.sourceText).toBe(`# comment\n${YAML_CONFIG}`);
    expect(file.raw).toEqual({ servers: { files: { type: 'memo', roots: ['./docs'] } } });
    expect(file.positions('')).toEqual({ line: 2, column: 1 });
    expect(file.positions('/servers/files')).toEqual({ line: 3, column: 3 });
    expect(file.positions('/servers/files/roots/0')).toEqual({ line: 5, column: 13 });
    expect(file.positions('/servers/files/nope')).toBeUndefined();
    expect(file.positions('/servers/files/roots/9')).toBeUndefined();
  });

  it('YAML: positions follow aliases', async () => {
    const dir = tempDir({ 'mcpctl.config.yaml': 'x-base: &base\n  type: memo\n  roots: [a]\nservers:\n  files: *base\n' });
    const file = (await readConfigFile({ cwd: dir, env: {} }))!;
    expect(file.raw).toEqual({ 'x-base': { type: 'memo', roots: ['a'] }, servers: { files: { type: 'memo', roots: ['a'] } } });
    expect(file.positions('/servers/files/roots')).toEqual({ line: 3, column: 3 });
  });

  it('JSON: parsed strictly, with positions', async () => {
    const dir = tempDir({ 'mcpctl.config.json': '{\n  "servers": {\n    "files": { "type": "memo", "roots": ["./docs"] }\n  }\n}\n' });
    const file = (await readConfigFile({ cwd: dir, env: {} }))!;
    expect(file.format).toBe('json');
    expect(file.raw).toEqual({ servers: { files: { type: 'memo', roots: ['./docs'] } } });
    expect(file.positions('/servers/files/roots')).toEqual({ line: 3, column: 32 });
  });

  it('package.json: the `mcpctl` property, with positions inside it', async () => {
    const dir = tempDir({ 'package.json': '{\n  "name": "p",\n  "mcpctl": {\n    "plugins": ["a"]\n  }\n}\n' });
    const file = (await readConfigFile({ cwd: dir, env: {} }))!;
    expect(file.format).toBe('package.json');
    expect(file.raw).toEqual({ plugins: ['a'] });
    expect(file.positions('/plugins/0')).toEqual({ line: 4, column: 17 });
  });

  it('JavaScript: ESM, CommonJS and an (async) function export', async () => {
    const dir = tempDir({
      'esm/mcpctl.config.mjs': 'export default { plugins: [String(1 + 1)] };',
      'cjs/mcpctl.config.js': 'module.exports = { plugins: ["cjs"] };',
      'fn/mcpctl.config.mjs': 'export default async () => ({ plugins: ["fn"] });',
      'throws/mcpctl.config.mjs': 'throw new Error("boom");',
    });
    const raw = async (sub: string) => (await readConfigFile({ cwd: join(dir, sub), env: {} }))?.raw;
    expect(await raw('esm')).toEqual({ plugins: ['2'] });
    expect(await raw('cjs')).toEqual({ plugins: ['cjs'] });
    expect(await raw('fn')).toEqual({ plugins: ['fn'] });
    const file = await readConfigFile({ cwd: join(dir, 'esm'), env: {} });
    expect(file?.format).toBe('js');
    expect(file?.positions('/plugins')).toBeUndefined();
    await expect(readConfigFile({ cwd: join(dir, 'throws'), env: {} })).rejects.toMatchObject({ code: errors.CONFIG_LOAD.code, exitCode: 2, message: expect.stringContaining('boom') });
  });

  it('TypeScript: loaded with Node type stripping', async () => {
    const dir = tempDir({
      'mcpctl.config.ts': 'interface Entry { type: string; roots: string[] }\nconst files: Entry = { type: "memo", roots: ["./docs"] };\nexport default { servers: { files } };\n',
    });
    const file = await readConfigFile({ cwd: dir, env: {} });
    expect(file?.format).toBe('ts');
    expect(file?.raw).toEqual({ servers: { files: { type: 'memo', roots: ['./docs'] } } });
  });

  it('an empty file is an empty config', async () => {
    const dir = tempDir({ 'mcpctl.config.yaml': '' });
    const file = await readConfigFile({ cwd: dir, env: {} });
    expect(file?.filepath).toBe(join(dir, 'mcpctl.config.yaml'));
    expect(file?.raw).toBeUndefined();
  });

  it('syntax errors are CONFIG_PARSE with file:line:column', async () => {
    const dir = tempDir({ 'mcpctl.config.yaml': 'servers:\n  a: [1, 2\n' });
    const error = await readConfigFile({ cwd: dir, env: {} }).catch((caught: unknown) => caught);
    expect(errors.CONFIG_PARSE.is(error)).toBe(true);
    expect(error).toMatchObject({ exitCode: 2, details: { file: join(dir, 'mcpctl.config.yaml'), line: 3, column: 1 } });
  });
});

describe('readConfigFile: strict JSON', () => {
  const trailing = '{ "servers": { "a": { "type": "stdio", "command": "node", } } }';

  it.each(['mcpctl.config.json', '.mcpctlrc.json'])('refuses a trailing comma in %s with file:line:column and a hint', async (name) => {
    const dir = tempDir({ [name]: trailing });
    const error = await readConfigFile({ cwd: dir, env: {} }).then(
      () => undefined,
      (thrown: unknown) => thrown as { code: string; message: string; hint: string; details: Record<string, unknown> },
    );
    expect(error?.code).toBe(errors.CONFIG_PARSE.code);
    expect(error?.message).toContain(`${name}:1:59  JSON syntax error`);
    expect(error?.hint).toContain('trailing comma');
    expect(error?.details).toMatchObject({ line: 1, column: 59 });
  });

  it('refuses a trailing comma and a comment in package.json#mcpctl', async () => {
    const dir = tempDir({ 'package.json': '{\n  "name": "p",\n  "mcpctl": { "plugins": ["a",] }\n}' });
    await expect(readConfigFile({ cwd: dir, env: {} })).rejects.toMatchObject({ code: errors.CONFIG_PARSE.code, details: { line: 3, column: 31 } });
    const commented = tempDir({ 'package.json': '{\n  // no\n  "name": "p", "mcpctl": {}\n}' });
    await expect(readConfigFile({ cwd: commented, env: {} })).rejects.toMatchObject({ code: errors.CONFIG_PARSE.code, details: { line: 2, column: 3 } });
  });

  it('still maps JSON pointers of a valid JSON file to lines (members at their key, items at the item)', async () => {
    const dir = tempDir({ 'mcpctl.config.json': '{\n  "servers": {\n    "files": { "type": "fs", "roots": ["a",\n      "b"] }\n  }\n}\n' });
    const file = await readConfigFile({ cwd: dir, env: {} });
    expect(file?.raw).toEqual({ servers: { files: { type: 'fs', roots: ['a', 'b'] } } });
    expect(file?.positions('/servers/files/type')).toEqual({ line: 3, column: 16 });
    expect(file?.positions('/servers/files/roots/1')).toEqual({ line: 4, column: 7 });
    expect(file?.positions('/servers/nope')).toBeUndefined();
  });

  it('keeps YAML rules for YAML files: a trailing comma in a flow mapping is fine there', async () => {
    const dir = tempDir({ 'mcpctl.config.yaml': 'servers: { a: { type: stdio, command: node, } }\n' });
    expect((await readConfigFile({ cwd: dir, env: {} }))?.raw).toEqual({ servers: { a: { type: 'stdio', command: 'node' } } });
  });
});
