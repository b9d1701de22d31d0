import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

const DIST = join(REPO, 'kernel/dist/config/index.js');

// Start-up time: importing the config API must not load cosmiconfig, yaml or ajv; calling it may.
// Needs the built kernel (npm test builds first) and module.registerHooks (Node >= 22.15).
describe.skipIf(!existsSync(DIST) || !('registerHooks' in nodeModule))('config module imports', () => {
  const script = (call: string) => `
    import { registerHooks } from 'node:module';
    const seen = new Set();
    registerHooks({ resolve(specifier, context, next) { seen.add(specifier.split('/')[0]); return next(specifier, context); } });
    const config = await import(${JSON.stringify(`file://${DIST}`)});
    ${call}
    console.log(JSON.stringify(['cosmiconfig', 'yaml', 'ajv'].filter((name) => seen.has(name))));
  `;
  const run = (call: string) => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script(call)], { encoding: 'utf8', cwd: REPO });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as string[];
  };

  it('loads none of the heavy dependencies on import', () => {
    expect(run('')).toEqual([]);
  });

  it('loads them when used', () => {
    expect(run(`await config.readConfigFile({ cwd: ${JSON.stringify(join(REPO, 'test/fixtures/configs/valid'))}, env: {} }); config.validateConfig({ servers: {} }, []);`)).toEqual(['cosmiconfig', 'yaml', 'ajv']);
  });
});
