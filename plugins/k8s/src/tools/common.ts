import { stringify } from 'yaml';
import type { JsonSchema } from '@mcpctl/kernel';
import type { KubeObject } from '../api/client.js';
import type { Cluster } from '../cluster.js';

/** Schema pieces and helpers the k8s tools share. */

export const NAME_PATTERN = '^[a-zA-Z0-9]([-a-zA-Z0-9_.:]*[a-zA-Z0-9])?$';
export const NAMESPACE_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

export const nameProperty = (what: string): JsonSchema => ({ type: 'string', minLength: 1, maxLength: 253, pattern: NAME_PATTERN, description: what });
export const namespaceProperty: JsonSchema = { type: 'string', minLength: 1, maxLength: 63, pattern: NAMESPACE_PATTERN, description: 'Namespace (default: the context\'s namespace when allowed, else the first allowed one, else "default"). Ignored for cluster-scoped kinds.' };
export const kindProperties: Record<string, JsonSchema> = {
  kind: { type: 'string', minLength: 1, maxLength: 253, pattern: '^[A-Za-z][A-Za-z0-9.-]*$', description: 'Kind (Pod), plural (pods), short name (po) or plural.group (deployments.apps); CRDs too.' },
  apiVersion: { type: 'string', minLength: 1, pattern: '^([a-z0-9.-]+/)?v[0-9]+[a-z0-9]*$', description: 'group/version (apps/v1) or v1, when a kind exists in several groups or versions.' },
};
export const selectorProperties: Record<string, JsonSchema> = {
  labelSelector: { type: 'string', maxLength: 4096, description: 'Label selector, e.g. app=web,tier!=db or env in (prod,staging).' },
  fieldSelector: { type: 'string', maxLength: 4096, description: 'Field selector, e.g. status.phase=Running or spec.nodeName=node-1.' },
};

/** `context` is an argument only when the entry allows several contexts. */
export function contextProperty(cluster: Cluster): Record<string, JsonSchema> {
  if (!cluster.multiContext) return {};
  return { context: { type: 'string', enum: cluster.contexts.map((c) => c.name), description: `Kubeconfig context (default ${cluster.defaultContext}).` } };
}

/** The object without managedFields (noise for people and models). */
export function withoutManagedFields(object: KubeObject): KubeObject {
  if (object.metadata && 'managedFields' in object.metadata) {
    const { managedFields: _dropped, ...metadata } = object.metadata;
    return { ...object, metadata };
  }
  return object;
}

export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** "3m", "5h", "2d" — how kubectl shows ages. */
export function age(timestamp: unknown, now = Date.now()): string | undefined {
  if (typeof timestamp !== 'string') return undefined;
  const ms = now - Date.parse(timestamp);
  if (!Number.isFinite(ms)) return undefined;
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172_800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

export const objectRefSchema: JsonSchema = {
  type: 'object',
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' } },
  required: ['kind', 'name'],
};

export function describeRef(kind: string, name: string, namespace: string | undefined): string {
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}
