import { stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { ParsedSource } from '@mcpctl/diagnostics';
import { locateConfigFile } from '../config-locate.js';
import { CONFIG_LOAD, CONFIG_NOT_FOUND, CONFIG_PARSE, isMcpctlError } from '../errors.js';
import { loadConfigModule } from './load-module.js';
import { CONFIG_ENV_VAR, CONFIG_MODULE_NAME } from './search-places.js';
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
 * Find the config file and read it with cosmiconfig. The search is the
 * kernel's (locateConfigFile): `cwd`, then each parent up to `stopDir` (the
 * home directory), then `globalDir`; in each directory the first of
 * CONFIG_SEARCH_PLACES that exists wins (a package.json only with an
 * `mcpctl` field). Returns undefined when nothing is found; an explicit path
 * that does not exist is CONFIG_NOT_FOUND. YAML and JSON keep their source
 * so that issues can name a line; JS and TS modules are imported.
 */
export async function readConfigFile(options: ReadConfigOptions): Promise<RawConfigFile | undefined> {
  const explicit = options.configPath ?? nonEmpty(options.env[CONFIG_ENV_VAR]);
  const explicitPath = explicit === undefined ? undefined : resolve(options.cwd, explicit);
  if (explicitPath !== undefined) await assertFile(explicitPath);
  const filepath = explicitPath ?? locateConfigFile(options);
  if (filepath === undefined) return undefined;

  // Imported here, not at the top: start-up time of commands that need no config.
  const [{ cosmiconfig }, { parseSource, SourceSyntaxError }] = await Promise.all([import('cosmiconfig'), import('@mcpctl/diagnostics')]);
  const parsed = new Map<string, { source: ParsedSource; text: string }>();
  const textLoader = (kind: 'yaml' | 'json') => async (path: string, content: string) => {
    const root = basename(path) === 'package.json' ? `/${CONFIG_MODULE_NAME}` : '';
    let source: ParsedSource;
    try {
      source = await parseSource(path, content, kind, root);
    } catch (error) {
      if (!(error instanceof SourceSyntaxError)) throw error;
      const { file, position, reason, hint } = error;
      throw CONFIG_PARSE(error.message, { details: { file, line: position?.line, column: position?.column, reason }, ...(hint ? { hint } : {}) });
    }
    parsed.set(path, { source, text: content });
    // cosmiconfig picks the `mcpctl` property of package.json itself.
    return source.document;
  };
  const moduleLoader = (path: string) => loadConfigModule(path);
  const explorer = cosmiconfig(CONFIG_MODULE_NAME, {
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

  let result: Awaited<ReturnType<typeof explorer.load>>;
  try {
    result = await explorer.load(filepath);
  } catch (error) {
    if (isMcpctlError(error)) throw error;
    throw CONFIG_LOAD((error as { filepath?: string }).filepath ?? filepath, error instanceof Error ? error.message : String(error), {
      cause: error,
      hint: 'Config files are YAML, JSON, JavaScript or TypeScript: mcpctl.config.{yaml,yml,json,js,mjs,ts}, .mcpctlrc[.json|.yaml|.yml|.js|.mjs], or package.json#mcpctl.',
    });
  }
  // A package.json without `mcpctl` (only an explicit path names one): an empty config.
  if (result === null) return emptyFile(filepath);
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
