import { CONFIG_PROFILE_UNKNOWN } from '../errors.js';
import { didYouMean } from '@mcpctl/diagnostics';

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Merge `overlay` over `base` into a new object: objects merge key by key,
 * arrays and scalars replace, and an explicit `null` deletes the key.
 * Neither input is modified.
 */
export function deepMerge(base: PlainObject, overlay: PlainObject): PlainObject {
  const result: PlainObject = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) {
      delete result[key];
    } else if (isPlainObject(value) && isPlainObject(result[key])) {
      result[key] = deepMerge(result[key], value);
    } else {
      result[key] = structuredClone(value);
    }
  }
  return result;
}

/**
 * Apply `profiles.<name>` over the base config. The `profiles` key of the
 * result is the file's, untouched; a profile cannot define profiles.
 */
export function applyProfile(raw: PlainObject, name: string, location: Record<string, unknown> = {}): PlainObject {
  const profiles = isPlainObject(raw['profiles']) ? raw['profiles'] : {};
  if (!Object.hasOwn(profiles, name)) {
    const known = Object.keys(profiles);
    const suggestion = didYouMean(name, known);
    throw CONFIG_PROFILE_UNKNOWN(name, known.length > 0 ? known.join(', ') : '(none defined)', {
      details: { profile: name, known, ...location },
      ...(suggestion ? { hint: `Did you mean "${suggestion}"? Profiles are defined under \`profiles:\` in the config.` } : {}),
    });
  }
  const overlay = profiles[name];
  const { profiles: _ignored, ...changes } = isPlainObject(overlay) ? overlay : {};
  return { ...deepMerge(raw, changes), profiles: raw['profiles'] };
}
