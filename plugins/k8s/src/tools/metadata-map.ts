import { defineTool, ToolError, ToolErrorCode, type Tool } from '@mcpctl/toolkit';
import type { Cluster } from '../cluster.js';
import { K8sErrorCode } from '../tool-errors.js';
import { contextProperty, kindProperties, nameProperty, namespaceProperty } from './common.js';

interface Input {
  context?: string;
  kind: string;
  apiVersion?: string;
  name: string;
  namespace?: string;
  set?: Record<string, string>;
  remove?: string[];
  overwrite?: boolean;
}

type Output = {
  kind: string;
  name: string;
  namespace?: string;
  values: Record<string, string>;
  changed: string[];
  removed: string[];
};

const KEY = /^(([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** label and annotate: set and remove keys of metadata.labels / metadata.annotations with a merge patch guarded by resourceVersion. */
export function metadataMapTool(cluster: Cluster, field: 'labels' | 'annotations'): Tool {
  const tool = field === 'labels' ? 'label' : 'annotate';
  return defineTool<Input, Output>({
    name: tool,
    title: field === 'labels' ? 'Label an object' : 'Annotate an object',
    description: `Set and remove ${field} of any object. An existing key with another value is only changed with overwrite: true. The change is refused if the object changed meanwhile (resourceVersion).`,
    tier: 'write',
    idempotent: true,
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        ...kindProperties,
        name: nameProperty('Object name.'),
        namespace: namespaceProperty,
        set: { type: 'object', additionalProperties: { type: 'string' }, description: `${field} to set: { key: value }.` },
        remove: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description: `${field} keys to remove.` },
        overwrite: { type: 'boolean', description: 'Replace keys that already have another value.' },
      },
      required: ['kind', 'name'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' }, values: { type: 'object', additionalProperties: { type: 'string' } }, changed: { type: 'array', items: { type: 'string' } }, removed: { type: 'array', items: { type: 'string' } } },
      required: ['kind', 'name', 'values', 'changed', 'removed'],
    },
    async handler(input, ctx) {
      const set = input.set ?? {};
      const remove = input.remove ?? [];
      if (Object.keys(set).length === 0 && remove.length === 0) throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, `Nothing to do: pass set and/or remove`, { hint: `e.g. set: { "team": "web" } or remove: ["team"]` });
      for (const key of [...Object.keys(set), ...remove]) {
        if (!KEY.test(key) || key.split('/').at(-1)!.length > 63) throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, `${JSON.stringify(key)} is not a valid ${field} key`, { hint: 'A key is [prefix/]name: a DNS-subdomain prefix and a name of up to 63 letters, digits, "-", "_" or "."' });
        if (key in set && remove.includes(key)) throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, `${key} is both set and removed`, { hint: 'Pick one.' });
      }
      if (field === 'labels') {
        for (const [key, value] of Object.entries(set)) {
          if (value.length > 63 || !LABEL_VALUE.test(value)) throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, `Label ${key}: ${JSON.stringify(value)} is not a valid label value`, { hint: 'Up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (or empty).' });
        }
      }
      const client = cluster.client(input.context);
      const resource = await client.resolve(input.kind, input.apiVersion);
      const namespace = cluster.namespaceFor(client, resource, input.namespace);
      await client.requireCan('patch', resource, namespace, input.name, undefined, ctx.signal);
      const current = await client.get(resource, namespace, input.name, ctx.signal);
      const existing = (current.metadata?.[field] as Record<string, string> | undefined) ?? {};
      const clashes = Object.entries(set).filter(([key, value]) => key in existing && existing[key] !== value);
      if (clashes.length > 0 && !input.overwrite) {
        throw new ToolError(K8sErrorCode.CONFLICT, `${input.name} already has ${clashes.map(([key]) => `${key}=${existing[key]}`).join(', ')}`, { hint: 'Pass overwrite: true to replace the existing values.', details: { keys: clashes.map(([key]) => key) } });
      }
      const changes: Record<string, string | null> = {};
      for (const [key, value] of Object.entries(set)) if (existing[key] !== value) changes[key] = value;
      const removed = remove.filter((key) => key in existing);
      for (const key of removed) changes[key] = null;
      let values = existing;
      if (Object.keys(changes).length > 0) {
        const patched = await client.patch(resource, namespace, input.name, 'merge', { metadata: { resourceVersion: current.metadata?.resourceVersion, [field]: changes } }, { signal: ctx.signal });
        values = (patched.metadata?.[field] as Record<string, string> | undefined) ?? {};
      }
      return {
        kind: current.kind ?? resource.kind,
        name: input.name,
        ...(namespace ? { namespace } : {}),
        values,
        changed: Object.keys(changes).filter((key) => changes[key] !== null),
        removed,
      };
    },
    render: (out) => `${out.kind}/${out.name}: ${out.changed.length} set, ${out.removed.length} removed\n${Object.entries(out.values).map(([k, v]) => `${k}=${v}`).join('\n')}`,
  });
}
