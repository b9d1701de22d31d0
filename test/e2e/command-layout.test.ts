import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';

/**
 * The layout docs/writing-plugins.md ("Where a command's files go") promises
 * for every plugin of this repository: specs under src/commands/<group>/,
 * implementations under src/run/<group>/, loaded by the spec's `run` with a
 * dynamic import, and neither importing the other statically (an
 * implementation may import the option tables: its group's, or the ones in
 * commands/options.ts that several groups share).
 */

const plugins = readdirSync(join(REPO, 'plugins')).filter((name) => existsSync(join(REPO, 'plugins', name, 'src', 'commands')));

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

const staticImports = (text: string) => [...text.matchAll(/^import [^;]*? from '([^']+)';/gm)].map((match) => match[1]!);
const dynamicImports = (text: string) => [...text.matchAll(/import\('([^']+)'\)/g)].map((match) => match[1]!);

describe.each(plugins)('plugins/%s lays out its commands as docs/writing-plugins.md says', (plugin) => {
  const src = join(REPO, 'plugins', plugin, 'src');

  it('keeps each spec in src/commands/<group>/, loading its implementation from src/run/<group>/ only when it runs', () => {
    for (const file of files(join(src, 'commands'))) {
      const where = relative(src, file);
      // Option tables several groups share may sit in commands/options.ts.
      if (where === 'commands/options.ts') continue;
      expect(where.split('/'), `${where}: specs live in commands/<group>/<name>.ts`).toHaveLength(3);
      const text = readFileSync(file, 'utf8');
      for (const target of staticImports(text)) expect(target, `${where} imports ${target} statically`).not.toMatch(/\/run\//);
      for (const target of dynamicImports(text).filter((path) => path.includes('/run/'))) {
        const implementation = join(file, '..', target).replace(/\.js$/, '.ts');
        expect(existsSync(implementation), `${where} loads ${target}, which does not exist`).toBe(true);
        expect(relative(src, implementation).split('/').slice(0, 2), `${where} loads ${target}: implementations live in run/<group>/`).toEqual(['run', where.split('/')[1]]);
      }
    }
  });

  it('never imports a spec file from an implementation (option tables only)', () => {
    for (const file of files(join(src, 'run'))) {
      const where = relative(src, file);
      for (const target of staticImports(readFileSync(file, 'utf8')).filter((path) => path.includes('/commands/'))) {
        expect(target, `${where} imports the spec file ${target}`).toMatch(/\/commands\/(?:[^/]+\/)?options\.js$/);
      }
    }
  });
});
