import { isPlainObject } from './profiles.js';
import type { ConfigFragment } from './types.js';

/** What a `$defs` key of a plugin's config schema describes. */
export type ProvidedKind = 'serverType' | 'transport' | 'clientAuth' | 'verifier';

/** The `$defs` key holding a plugin's settings (`pluginConfig.<plugin>`). */
export const SETTINGS_DEF = 'settings';

/** The `$defs` key holding the keys a plugin adds to every server entry (e.g. the daemon's `supervise`). */
export const SERVER_ENTRY_DEF = 'serverEntry';

/** The `$defs` key for a provided name: "serverType:fs", "transport:stdio", "clientAuth:bearer", "verifier:api-key". */
export function defKey(kind: ProvidedKind, name: string): string {
  return `${kind}:${name}`;
}

const LISTS: Record<ProvidedKind, 'serverTypes' | 'transports' | 'clientAuth' | 'verifiers'> = {
  serverType: 'serverTypes',
  transport: 'transports',
  clientAuth: 'clientAuth',
  verifier: 'verifiers',
};

function listOf(fragment: ConfigFragment, kind: ProvidedKind): string[] {
  return fragment[LISTS[kind]];
}

/** The first fragment (callers order them by precedence) whose plugin provides `name`. */
export function findProvider(fragments: readonly ConfigFragment[], kinds: readonly ProvidedKind[], name: string): { fragment: ConfigFragment; kind: ProvidedKind } | undefined {
  for (const fragment of fragments) {
    for (const kind of kinds) if (listOf(fragment, kind).includes(name)) return { fragment, kind };
  }
  return undefined;
}

/** Every name of the given kinds, in fragment order, without duplicates. */
export function knownNames(fragments: readonly ConfigFragment[], kinds: readonly ProvidedKind[]): string[] {
  const names = new Set<string>();
  for (const fragment of fragments) for (const kind of kinds) for (const name of listOf(fragment, kind)) names.add(name);
  return [...names];
}

/** A fragment's schema document as an object (a boolean schema has no definitions). */
export function schemaObject(fragment: ConfigFragment): Record<string, unknown> {
  return isPlainObject(fragment.schema) ? fragment.schema : {};
}

/** A `$defs` entry of a fragment, if the plugin wrote one. */
export function getDef(fragment: ConfigFragment, key: string): Record<string, unknown> | boolean | undefined {
  const defs = schemaObject(fragment)['$defs'];
  if (!isPlainObject(defs)) return undefined;
  const def = defs[key];
  return isPlainObject(def) || typeof def === 'boolean' ? def : undefined;
}

/**
 * The option names a schema declares, for "did you mean" suggestions: its
 * `properties`, and those of the subschemas it combines or references
 * (local `#/…` references into the same document only).
 */
export function declaredProperties(schema: unknown, document: unknown, seen = new Set<unknown>()): string[] {
  if (!isPlainObject(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const names = isPlainObject(schema['properties']) ? Object.keys(schema['properties']) : [];
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[keyword];
    if (Array.isArray(list)) for (const sub of list) names.push(...declaredProperties(sub, document, seen));
  }
  for (const keyword of ['then', 'else']) names.push(...declaredProperties(schema[keyword], document, seen));
  const ref = schema['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#')) names.push(...declaredProperties(resolveLocal(document, ref), document, seen));
  return [...new Set(names)];
}

function resolveLocal(document: unknown, ref: string): unknown {
  let node = document;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isPlainObject(node)) return undefined;
    node = node[token];
  }
  return node;
}
