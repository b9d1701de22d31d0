import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as errors from '../errors.js';
import type { JsonSchema } from '../interfaces/json-schema.js';
import type { PluginProblem, PluginRecord, PluginSource } from '../interfaces/plugin-record.js';
import { apiVersionSatisfies, validateManifest } from './manifest.js';

/** What inspecting one package directory found: a record, problems, or both. */
export interface InspectedPlugin {
  record?: PluginRecord;
  /** Parsed config schema file, when the manifest names one. */
  schema?: JsonSchema;
  problems: PluginProblem[];
  /** A package without an `mcpctl` field in the user folder is a dependency, not a plugin. */
  notAPlugin?: boolean;
}

interface PackageJson {
  name?: string;
  version?: string;
  description?: string;
  mcpctl?: unknown;
}

/**
 * Reads a package's package.json and manifest and checks everything that can
 * be checked without running its code: the manifest schema, the API range,
 * the entry file and the config schema file.
 */
export function inspectPackage(dir: string, source: PluginSource, apiVersion: string): InspectedPlugin {
  const problem = (code: string, plugin: string, error: errors.McpctlError): PluginProblem => ({
    code, plugin, source, path: dir, message: error.message, hint: error.hint ?? '', severity: 'error',
  });
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch (error) {
    const e = errors.PLUGIN_NOT_FOUND(dir, error instanceof Error ? error.message : String(error));
    return { problems: [problem(e.code, dir, e)] };
  }
  const name = pkg.name ?? dir;
  if (pkg.mcpctl === undefined) {
    const e = errors.PLUGIN_NOT_A_PLUGIN(name);
    return { problems: [problem(e.code, name, e)], notAPlugin: true };
  }
  const validated = validateManifest(pkg.mcpctl);
  if (!validated.ok) {
    const e = errors.PLUGIN_MANIFEST_INVALID(name, validated.message);
    return { problems: [problem(e.code, name, e)] };
  }
  const manifest = validated.manifest;
  const record: PluginRecord = {
    name,
    version: pkg.version ?? '0.0.0',
    source,
    dir,
    manifest,
    state: 'discovered',
    ...(pkg.description ? { description: pkg.description } : {}),
  };
  const problems: PluginProblem[] = [];
  const api = apiVersionSatisfies(manifest.apiVersion, apiVersion);
  if (!api.ok) {
    const e = errors.PLUGIN_API_INCOMPATIBLE(name, manifest.apiVersion, apiVersion);
    problems.push(problem(e.code, name, e));
  }
  if (!existsSync(resolve(dir, manifest.entry))) {
    const e = errors.PLUGIN_ENTRY_MISSING(name, manifest.entry);
    problems.push(problem(e.code, name, e));
  }
  let schema: JsonSchema | undefined;
  if (manifest.configSchema) {
    record.configSchemaPath = resolve(dir, manifest.configSchema);
    try {
      schema = JSON.parse(readFileSync(record.configSchemaPath, 'utf8')) as JsonSchema;
    } catch (error) {
      const e = errors.PLUGIN_MANIFEST_INVALID(name, `configSchema ${manifest.configSchema} could not be read: ${error instanceof Error ? error.message : String(error)}`);
      problems.push(problem(e.code, name, e));
    }
  }
  if (problems.length > 0) record.state = 'failed';
  return { record, ...(schema === undefined ? {} : { schema }), problems };
}
