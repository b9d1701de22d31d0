import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { CONFIG_LOAD } from '../errors.js';

/**
 * Import a JavaScript or TypeScript config module and return its default
 * export (or `module.exports`); a function export is called and awaited.
 *
 * TypeScript is loaded with Node's own type stripping: on by default from
 * Node 22.18 / 23.6 (so on Node 24); on 22.13–22.17 it needs
 * `NODE_OPTIONS=--experimental-strip-types`, which the error says.
 */
export async function loadConfigModule(filepath: string): Promise<unknown> {
  // The mtime in the URL makes a changed file load afresh in a long-lived process.
  const { mtimeMs } = await stat(filepath);
  const url = `${pathToFileURL(filepath).href}?mtime=${Math.trunc(mtimeMs)}`;
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw moduleLoadError(filepath, error);
  }
  let value = 'default' in module ? module['default'] : module;
  if (typeof value === 'function') {
    try {
      value = await (value as () => unknown)();
    } catch (error) {
      throw CONFIG_LOAD(filepath, `its exported function threw: ${messageOf(error)}`, { cause: error });
    }
  }
  return value;
}

function moduleLoadError(filepath: string, error: unknown) {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && /\.[cm]?ts$/.test(filepath)) {
    return CONFIG_LOAD(filepath, `this Node.js (${process.version}) cannot load TypeScript without a flag`, {
      cause: error,
      hint: 'Use Node.js >= 22.18, run with NODE_OPTIONS=--experimental-strip-types, or write the config in YAML.',
    });
  }
  if (code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX' || code === 'ERR_INVALID_TYPESCRIPT_SYNTAX') {
    return CONFIG_LOAD(filepath, messageOf(error), {
      cause: error,
      hint: 'Node strips types but does not transform TypeScript: avoid enums, namespaces and parameter properties in the config.',
    });
  }
  return CONFIG_LOAD(filepath, messageOf(error), {
    cause: error,
    hint: 'Fix the error in the config module; run with --log-level debug for the stack trace.',
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
