import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as errors from '../errors.js';
import { TEST_HEADER, type ScaffoldInput } from './kinds.js';
import { packageFiles } from './package-files.js';
import { TEMPLATES } from './templates/index.js';

export { PLUGIN_KINDS, type PluginKind } from './kinds.js';

/** Every file of a new plugin package, by relative path. */
export function scaffoldFiles(input: ScaffoldInput): Record<string, string> {
  const template = TEMPLATES[input.kind];
  return { ...packageFiles(input, template), ...template.sources(input), ...template.tests(input, TEST_HEADER) };
}

/** Writes the scaffold into dir, which must be new or empty (nothing is overwritten). */
export async function writeScaffold(dir: string, input: ScaffoldInput): Promise<string[]> {
  const existing = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    if (error.code === 'ENOTDIR') throw errors.CREATE_REFUSED(dir, 'it is a file');
    throw error;
  });
  if (existing.length > 0) throw errors.CREATE_REFUSED(dir, `it is not empty (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''})`);
  const files = scaffoldFiles(input);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content, { flag: 'wx' });
  }
  return Object.keys(files).sort();
}

/** A package name from a directory name: kept if valid, otherwise lower-cased and dashed. */
export function defaultPackageName(dir: string): string {
  return basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'mcpctl-plugin-example';
}

/** What the plugin provides is named after the package: `mcpctl-plugin-notes` → `notes`. */
export function shortName(name: string): string {
  const bare = name.includes('/') ? name.slice(name.indexOf('/') + 1) : name;
  const short = bare.replace(/^mcpctl-plugin-/, '').replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(short) ? short : `x-${short || 'example'}`;
}

export async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
