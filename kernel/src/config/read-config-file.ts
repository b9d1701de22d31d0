import { stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { searchDirectories } from '../config-locate.js';
import { CONFIG_LOAD, CONFIG_NOT_FOUND, isMcpctlError } from '../errors.js';
import { loadConfigModule } from './load-module.js';
import { parseSource, type ParsedSource } from './parse-source.js';
import { CONFIG_ENV_VAR, CONFIG_MODULE_NAME, CONFIG_SEARCH_PLACES } from './search-places.js';
import type { ConfigFormat, RawConfigFile } from './types.js';

export interface ReadConfigOptions {
  /** Where the search starts. */
  cwd: string;
  /** An explicit file (`--config`); overrides the search and `MCPCTL_CONFIG`. */
  configPath?: string;
  /** The environment (`MCPCTL_CONFIG` and `HOME` are read from it). */
  env: Readonly<Record<string, string | undefined>>;
  /** The last directory searched going up (default: the home directory; the filesystem root when outside it). */
  stopDir?: string;
  /** A directory searched after all others (the CLI passes `$XDG_CONFIG_HOME/mcpctl`). */
  globalDir?: string;
}

/**
 * Find and read the config file with cosmiconfig. The search looks in `cwd`,
 * then each parent up to `stopDir` (the home directory), then `globalDir`;
 * in each directory the first of CONFIG_SEARCH_PLACES that exists wins (a
 * package.json only with an `mcpctl` field). Returns undefined when nothing
 * is found; an explicit path that does not exist is CONFIG_NOT_FOUND. YAML
 * and JSON keep their source so that issues can name a line; JS and TS
 * modules are imported.
 */
export async function readConfigFile(options: ReadConfigOptions): Promise<RawConfigFile | undefined> {
  const explicit = options.configPath ?? nonEmpty(options.env[CONFIG_ENV_VAR]);
  const explicitPath = explicit === undefined ? undefined : resolve(options.cwd, explicit);
  if (explicitPath !== undefined) await assertFile(explicitPath);

  // Imported here, not at the top: start-up time of commands that need no config.
  const { cosmiconfig } = await import('cosmiconfig');
  const parsed = new Map<string, { source: ParsedSource; text: string }>();
  const textLoader = (kind: 'yaml' | 'json') => async (filepath: string, content: string) => {
    const root = basename(filepath) === 'package.json' ? `/${CONFIG_MODULE_NAME}` : '';
    const source = await parseSource(filepath, content, kind, root);
    parsed.set(filepath, { source, text: content });
    // cosmiconfig picks the `mcpctl` property of package.json itself.
    return source.document;
  };
  const moduleLoader = (filepath: string) => loadConfigModule(filepath);
  const explorer = cosmiconfig(CONFIG_MODULE_NAME, {
    searchPlaces: [...CONFIG_SEARCH_PLACES],
    // One directory per search() call: the walk up is ours (see searchDirectories).
    searchStrategy: 'none',
    // An empty mcpctl.config.yaml is still the config file (an empty config), not a reason to keep looking.
    ignoreEmptySearchPlaces: false,
    cache: false,
    loaders: {
      '.yaml': textLoader('yaml'),
      '.yml': textLoader('yaml'),
      '.json': textLoader('json'),
      noExt: textLoader('yaml'),
      '.js': moduleLoader,
      '.mjs': moduleLoader,
      '.cjs': moduleLoader,
      '.ts': moduleLoader,
      '.mts': moduleLoader,
      '.cts': moduleLoader,
    },
  });

  let result: Awaited<ReturnType<typeof explorer.search>>;
  try {
    if (explicitPath !== undefined) {
      result = await explorer.load(explicitPath);
    } else {
      result = null;
      for (const dir of searchDirectories(options)) {
        result = await explorer.search(dir);
        if (result !== null) break;
      }
    }
  } catch (error) {
    if (isMcpctlError(error)) throw error;
    const filepath = (error as { filepath?: string }).filepath ?? explicitPath ?? options.cwd;
    throw CONFIG_LOAD(filepath, error instanceof Error ? error.message : String(error), {
      cause: error,
      hint: 'Config files are YAML, JSON, JavaScript or TypeScript: mcpctl.config.{yaml,yml,json,js,mjs,ts}, .mcpctlrc[.json|.yaml|.yml|.js|.mjs], or package.json#mcpctl.',
    });
  }
  if (result === null) {
    // Only an explicit path gets here with nothing: a package.json without `mcpctl`.
    return explicitPath === undefined ? undefined : emptyFile(explicitPath);
  }
  const text = parsed.get(result.filepath);
  return {
    filepath: result.filepath,
    format: formatOf(result.filepath),
    raw: result.isEmpty ? undefined : (result.config as unknown),
    ...(text ? { sourceText: text.text } : {}),
    positions: text ? text.source.positions : () => undefined,
  };
}

async function assertFile(filepath: string): Promise<void> {
  try {
    const info = await stat(filepath);
    if (!info.isFile()) throw CONFIG_LOAD(filepath, 'not a file', { hint: 'Give --config (or MCPCTL_CONFIG) the path of a config file.' });
  } catch (error) {
    if (isMcpctlError(error)) throw error;
    throw CONFIG_NOT_FOUND(filepath);
  }
}

function emptyFile(filepath: string): RawConfigFile {
  return { filepath, format: formatOf(filepath), raw: undefined, positions: () => undefined };
}

export function formatOf(filepath: string): ConfigFormat {
  if (basename(filepath) === 'package.json') return 'package.json';
  const extension = extname(filepath).toLowerCase();
  if (extension === '.json') return 'json';
  if (['.js', '.mjs', '.cjs'].includes(extension)) return 'js';
  if (['.ts', '.mts', '.cts'].includes(extension)) return 'ts';
  return 'yaml';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
