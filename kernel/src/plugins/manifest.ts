import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import type { PluginManifest } from '../interfaces/manifest.js';

const require = createRequire(import.meta.url);
let validator: ValidateFunction<PluginManifest> | undefined;

/** schemas/ at the repository root (kernel/dist/plugins → ../../../schemas). */
export const SCHEMAS_DIR = new URL('../../../schemas/', import.meta.url);

/**
 * Validates a manifest against schemas/plugin-manifest.schema.json. ajv is
 * loaded and the schema compiled once, on first use: with a warm discovery
 * cache no manifest is validated at all.
 */
export function validateManifest(manifest: unknown): { ok: true; manifest: PluginManifest } | { ok: false; message: string } {
  validator ??= compile();
  if (validator(manifest)) return { ok: true, manifest };
  const message = (validator.errors ?? [])
    .map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.params && 'additionalProperty' in error.params ? ` (\`${String(error.params.additionalProperty)}\`)` : ''}`)
    .join('; ');
  return { ok: false, message };
}

function compile(): ValidateFunction<PluginManifest> {
  const Ajv2020 = require('ajv/dist/2020.js').default as typeof import('ajv/dist/2020.js').default;
  const schema = JSON.parse(readFileSync(new URL('plugin-manifest.schema.json', SCHEMAS_DIR), 'utf8')) as object;
  return new Ajv2020({ allErrors: true, strict: true }).compile<PluginManifest>(schema);
}

/** Does the kernel's plugin API version satisfy the plugin's range? */
export function apiVersionSatisfies(range: string, apiVersion: string): { ok: true } | { ok: false; reason: string } {
  const semver = require('semver') as typeof import('semver');
  if (semver.validRange(range) === null) return { ok: false, reason: `"${range}" is not a valid semver range` };
  return semver.satisfies(apiVersion, range) ? { ok: true } : { ok: false, reason: 'incompatible' };
}
