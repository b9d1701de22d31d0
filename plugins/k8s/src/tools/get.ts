import { defineTool, truncateUtf8, type Tool } from '@mcpctl/toolkit';
import type { KubeObject } from '../api/client.js';
import type { Cluster } from '../cluster.js';
import { contextProperty, kindProperties, nameProperty, namespaceProperty, toYaml, withoutManagedFields } from './common.js';

interface Input {
  context?: string;
  kind: string;
  apiVersion?: string;
  name: string;
  namespace?: string;
  format: 'yaml' | 'json';
}

type Output = {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  format: 'yaml' | 'json';
  /** The object as YAML or JSON (cut when over the byte budget). */
  text: string;
  truncated: boolean;
};

/** One object as YAML or JSON, managedFields removed (Secret values removed unless secrets: reveal). */
export function getTool(cluster: Cluster): Tool {
  return defineTool<Input, Output>({
    name: 'get',
    title: 'Get an object',
    description: 'One object of any kind as YAML (default) or JSON, without managedFields. Secret values are never shown unless the server is configured with secrets: reveal.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: { ...contextProperty(cluster), ...kindProperties, name: nameProperty('Object name.'), namespace: namespaceProperty, format: { enum: ['yaml', 'json'], default: 'yaml' } },
      required: ['kind', 'name'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' },
        format: { enum: ['yaml', 'json'] }, text: { type: 'string' }, truncated: { type: 'boolean' },
      },
      required: ['apiVersion', 'kind', 'name', 'format', 'text', 'truncated'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const resource = await client.resolve(input.kind, input.apiVersion);
      const namespace = cluster.namespaceFor(client, resource, input.namespace);
      const object: KubeObject = withoutManagedFields(await client.get(resource, namespace, input.name, ctx.signal));
      const full = input.format === 'json' ? JSON.stringify(object, null, 2) : toYaml(object);
      // The text is carried twice (structuredContent and the text block): each copy gets half the budget.
      const text = truncateUtf8(full, Math.floor(ctx.budget.remaining / 2));
      ctx.budget.take(2 * Buffer.byteLength(text, 'utf8'));
      return {
        apiVersion: object.apiVersion ?? (resource.group ? `${resource.group}/${resource.version}` : resource.version),
        kind: object.kind ?? resource.kind,
        name: input.name,
        ...(namespace ? { namespace } : {}),
        format: input.format,
        text,
        truncated: text.length < full.length,
      };
    },
    render: (out) => out.text + (out.truncated ? '\n… (cut at the byte budget)' : ''),
  });
}
