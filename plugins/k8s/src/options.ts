import { isAbsolute, resolve } from 'node:path';
import type { ServerEntry } from '@mcpctl/kernel';
import { parseAccess, type AccessTier } from '@mcpctl/toolkit/base';
import { K8S_OPTIONS_INVALID } from './errors.js';

/**
 * A `type: k8s` entry's options, checked and with defaults applied. The
 * kernel validates the entry against schema.json first; this enforces the
 * same contract again for the options this plugin owns, plus the rules a
 * schema cannot say (reveal needs destructive).
 */

export type SecretsMode = 'hidden' | 'metadata' | 'reveal';

/** One denied kind: `group` '' is the core group; no `version` means every version. */
export interface DeniedKind {
  group: string;
  version?: string;
  kind: string;
}

export interface K8sOptions {
  /** Absolute kubeconfig path, or undefined for the default search. */
  kubeconfig: string | undefined;
  context: string | undefined;
  contexts: string[] | undefined;
  /** Allowed namespaces; `undefined` means every namespace (`*`). */
  namespaces: string[] | undefined;
  access: AccessTier;
  secrets: SecretsMode;
  deniedResources: DeniedKind[];
  maxLogBytes: number;
  requestTimeoutMs: number;
  maxResultBytes: number | undefined;
}

export const DEFAULTS = Object.freeze({ maxLogBytes: 1024 * 1024, requestTimeoutMs: 30_000 });

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function normalizeOptions(entry: ServerEntry, serverName: string, baseDir: string): K8sOptions {
  const fail = (message: string): never => {
    throw K8S_OPTIONS_INVALID(serverName, message);
  };
  let access: AccessTier = 'read';
  try {
    access = parseAccess(entry.access);
  } catch (error) {
    fail((error as Error).message);
  }
  const text = (key: string): string | undefined => {
    const value = entry[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') return fail(`\`${key}\` must be a non-empty string`);
    return value;
  };
  const int = (key: string, fallback: number | undefined, min: number): number | undefined => {
    const value = entry[key];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) return fail(`\`${key}\` must be an integer ≥ ${min}`);
    return value;
  };
  const kubeconfig = text('kubeconfig');
  const context = text('context');
  const contexts = entry.contexts;
  if (contexts !== undefined && (!Array.isArray(contexts) || contexts.length === 0 || contexts.some((c) => typeof c !== 'string' || c === ''))) {
    fail('`contexts` must be a non-empty list of context names');
  }
  const namespaces = normalizeNamespaces(entry.namespaces, fail);
  const secrets = entry.secrets ?? 'metadata';
  if (secrets !== 'hidden' && secrets !== 'metadata' && secrets !== 'reveal') fail('`secrets` must be one of hidden, metadata, reveal');
  if (secrets === 'reveal' && access !== 'destructive') fail('`secrets: reveal` needs `access: destructive` (Secret values are the most sensitive thing a cluster holds); use `secrets: metadata` otherwise');
  return {
    kubeconfig: kubeconfig === undefined ? undefined : isAbsolute(kubeconfig) ? kubeconfig : resolve(baseDir, kubeconfig),
    context,
    contexts: contexts as string[] | undefined,
    namespaces,
    access,
    secrets: secrets as SecretsMode,
    deniedResources: normalizeDenied(entry.deniedResources, fail),
    maxLogBytes: int('maxLogBytes', DEFAULTS.maxLogBytes, 1024) as number,
    requestTimeoutMs: int('requestTimeoutMs', DEFAULTS.requestTimeoutMs, 100) as number,
    maxResultBytes: int('maxResultBytes', undefined, 1024),
  };
}

function normalizeNamespaces(value: unknown, fail: (message: string) => never): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) return fail('`namespaces` must be a non-empty list of namespace names, or ["*"] for all');
  if (value.includes('*')) {
    if (value.length > 1) fail('`namespaces`: "*" (every namespace) cannot be combined with names');
    return undefined;
  }
  for (const ns of value) {
    if (typeof ns !== 'string' || !NAMESPACE.test(ns) || ns.length > 63) fail(`\`namespaces\`: ${JSON.stringify(ns)} is not a namespace name (lower-case letters, digits and "-")`);
  }
  return [...new Set(value as string[])];
}

function normalizeDenied(value: unknown, fail: (message: string) => never): DeniedKind[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail('`deniedResources` must be a list of kinds ("Secret", "Deployment.apps" or { group, version, kind })');
  return value.map((item, index) => {
    if (typeof item === 'string') {
      const match = /^([A-Za-z][A-Za-z0-9]*)(?:\.([a-z0-9.-]+))?$/.exec(item);
      if (!match) return fail(`deniedResources[${index}]: ${JSON.stringify(item)} is not "Kind" or "Kind.group"`);
      return { group: match[2] ?? '', kind: match[1] as string };
    }
    if (typeof item !== 'object' || item === null || typeof (item as DeniedKind).kind !== 'string') return fail(`deniedResources[${index}] must be a string or { group, version, kind }`);
    const { group, version, kind } = item as Partial<DeniedKind>;
    if (group !== undefined && typeof group !== 'string') fail(`deniedResources[${index}].group must be a string`);
    if (version !== undefined && typeof version !== 'string') fail(`deniedResources[${index}].version must be a string`);
    return { group: group ?? '', kind: kind as string, ...(version ? { version } : {}) };
  });
}
