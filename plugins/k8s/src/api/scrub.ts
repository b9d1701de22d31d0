import type { SecretsMode } from '../options.js';

/**
 * Removing Secret values from API responses, in place, before any tool sees
 * them: a Secret, a SecretList, a Table of Secrets (its rows' objects), a
 * watch event, and Secrets inside a generic `List`. `metadata` keeps the
 * keys (as `dataKeys`), `hidden` keeps nothing but the object's metadata.
 */

type Json = Record<string, unknown>;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Strip one Secret object. */
export function stripSecret(secret: Json, mode: SecretsMode): void {
  if (mode === 'reveal') return;
  const keys = new Set<string>();
  for (const field of ['data', 'stringData'] as const) {
    const values = secret[field];
    if (isObject(values)) for (const key of Object.keys(values)) keys.add(key);
    delete secret[field];
  }
  const metadata = secret.metadata;
  if (isObject(metadata)) {
    // The last-applied annotation is the whole manifest, values included.
    if (isObject(metadata.annotations)) delete metadata.annotations[LAST_APPLIED];
    if (mode === 'hidden') delete metadata.managedFields;
  }
  if (mode === 'metadata') secret.dataKeys = [...keys].sort();
}

/**
 * Strip every Secret in a response body. `fromSecrets` says the request was
 * for the core `secrets` resource, so every object in it is a Secret even
 * where the API leaves out `kind` (list items, Table rows' metadata).
 */
export function scrubResponse(body: unknown, fromSecrets: boolean, mode: SecretsMode): void {
  if (mode === 'reveal' || !isObject(body)) return;
  const kind = body.kind;
  if (kind === 'Secret' || (fromSecrets && isObject(body.metadata) && kind === undefined)) {
    stripSecret(body, mode);
    return;
  }
  const items = body.items;
  if (Array.isArray(items) && (fromSecrets || kind === 'SecretList' || kind === 'List')) {
    for (const item of items) if (isObject(item) && (fromSecrets || kind === 'SecretList' || item.kind === 'Secret')) stripSecret(item, mode);
  }
  if (kind === 'Table' && Array.isArray(body.rows)) {
    for (const row of body.rows) {
      if (!isObject(row) || !isObject(row.object)) continue;
      if (fromSecrets || row.object.kind === 'Secret') stripSecret(row.object, mode);
    }
  }
  // A watch event: { type, object }.
  if (typeof body.type === 'string' && isObject(body.object)) scrubResponse(body.object, fromSecrets, mode);
}
