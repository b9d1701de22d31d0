import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as errors from '../errors.js';
import { raceTimeout } from '../util/race-timeout.js';
import type { PluginContext, PluginDefinition } from '../interfaces/plugin.js';
import type { PluginRecord } from '../interfaces/plugin-record.js';

/**
 * Imports a plugin's entry (ESM, or CommonJS through Node's interop) and
 * returns its plugin object, or throws a coded error naming the plugin.
 */
export async function importPlugin(record: PluginRecord): Promise<PluginDefinition> {
  let module: Record<string, unknown>;
  try {
    // From its real location: an installed or linked plugin is a symbolic link in the user
    // folder, and its dependencies resolve from where it really is, also under loaders that
    // keep symlinked paths (--preserve-symlinks, test runners).
    const entry = realpathSync(resolve(record.dir, record.manifest.entry));
    module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (error) {
    throw errors.PLUGIN_LOAD_FAILED(record.name, error instanceof Error ? error.message : String(error), { cause: error });
  }
  const definition = findDefinition(module);
  if (!definition) throw errors.PLUGIN_INVALID_EXPORT(record.name);
  if (definition.name !== record.name) throw errors.PLUGIN_NAME_MISMATCH(record.name, definition.name);
  return definition;
}

/** `export default plugin`, `module.exports = plugin`, or a transpiled CJS `exports.default`. */
function findDefinition(module: Record<string, unknown>): PluginDefinition | undefined {
  const candidates = [module.default, (module.default as Record<string, unknown> | undefined)?.default, module.plugin, module];
  return candidates.find(isDefinition);
}

function isDefinition(value: unknown): value is PluginDefinition {
  return typeof value === 'object' && value !== null && typeof (value as PluginDefinition).name === 'string' && typeof (value as PluginDefinition).setup === 'function';
}

/** Runs setup, bounded by a timeout; a throw or a hang becomes a coded error. */
export async function runSetup(record: PluginRecord, definition: PluginDefinition, context: PluginContext, timeoutMs: number): Promise<void> {
  try {
    await raceTimeout(() => definition.setup(context), timeoutMs, () => errors.PLUGIN_SETUP_TIMEOUT(record.name, timeoutMs));
  } catch (error) {
    if (errors.PLUGIN_SETUP_TIMEOUT.is(error)) throw error;
    throw errors.PLUGIN_SETUP_FAILED(record.name, error instanceof Error ? error.message : String(error), { cause: error });
  }
}
