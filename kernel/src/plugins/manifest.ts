import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import type { PluginManifest } from '../interfaces/manifest.js';

const require = createRequire(import.meta.url);
let validator: ValidateFunction<PluginManifest> | undefined;

/** schemas/ at the repository root (kernel/dist/plugins → ../../../schemas). */
export const SCHEMAS_DIR = new URL('../../../schemas/', import.meta.url);

/**
 * Validates a manifest against schemas/plugin-manifest.schema.json. The
 * validator is loaded once, on first use (with a warm discovery cache no
 * manifest is validated at all): the one `npm run build` generated, or, when
 * that is missing or was generated from another schema, ajv compiling it.
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
  const schemaText = readFileSync(new URL('plugin-manifest.schema.json', SCHEMAS_DIR), 'utf8');
  return precompiled(schemaText) ?? compileAtRunTime(schemaText);
}

/** scripts/compile-manifest-validator.mjs's output, next to this module in dist/. */
function precompiled(schemaText: string): ValidateFunction<PluginManifest> | undefined {
  let generated: ValidateFunction<PluginManifest> & { schemaHash?: string };
  try {
    generated = require('./manifest-validator.cjs') as typeof generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  // node:crypto is required here, not imported: every command loads this module, few validate.
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return generated.schemaHash === createHash('sha256').update(schemaText).digest('hex') ? generated : undefined;
}

function compileAtRunTime(schemaText: string): ValidateFunction<PluginManifest> {
  const Ajv2020 = require('ajv/dist/2020.js').default as typeof import('ajv/dist/2020.js').default;
  const schema = JSON.parse(schemaText) as object;
  // The same options as the build step's, so both give the same errors.
  return new Ajv2020({ allErrors: true, strict: true }).compile<PluginManifest>(schema);
}

/** Does the kernel's plugin API version satisfy the plugin's range? */
export function apiVersionSatisfies(range: string, apiVersion: string): { ok: true } | { ok: false; reason: string } {
  // The two functions, not semver's index (which loads all of its ≈50 modules): a cold discovery calls this per plugin.
  const validRange = require('semver/ranges/valid') as typeof import('semver').validRange;
  const satisfies = require('semver/functions/satisfies') as typeof import('semver').satisfies;
  if (validRange(range) === null) return { ok: false, reason: `"${range}" is not a valid semver range` };
  return satisfies(apiVersion, range) ? { ok: true } : { ok: false, reason: 'incompatible' };
}
