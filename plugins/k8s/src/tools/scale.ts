import { defineTool, type Tool } from '@mcpctl/toolkit';
import type { Cluster } from '../cluster.js';
import { contextProperty, nameProperty, namespaceProperty } from './common.js';

interface Input {
  context?: string;
  kind: 'Deployment' | 'StatefulSet' | 'ReplicaSet';
  name: string;
  namespace?: string;
  replicas: number;
}

type Output = {
  kind: string;
  name: string;
  namespace: string;
  previous: number;
  replicas: number;
};

/** Set a workload's replica count through its scale subresource. */
export function scaleTool(cluster: Cluster): Tool {
  return defineTool<Input, Output>({
    name: 'scale',
    title: 'Scale a workload',
    description: 'Set the replica count of a Deployment, StatefulSet or ReplicaSet (its scale subresource). Returns the previous count.',
    tier: 'write',
    idempotent: true,
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        kind: { enum: ['Deployment', 'StatefulSet', 'ReplicaSet'], default: 'Deployment' },
        name: nameProperty('Workload name.'),
        namespace: namespaceProperty,
        replicas: { type: 'integer', minimum: 0, maximum: 10_000 },
      },
      required: ['name', 'replicas'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' }, previous: { type: 'integer' }, replicas: { type: 'integer' } },
      required: ['kind', 'name', 'namespace', 'previous', 'replicas'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const resource = await client.resolve(input.kind, 'apps/v1');
      const namespace = input.namespace ?? cluster.defaultNamespace(client);
      await client.requireCan('patch', resource, namespace, input.name, 'scale', ctx.signal);
      const current = await client.get(resource, namespace, input.name, ctx.signal, 'scale');
      const previous = ((current.spec as { replicas?: number } | undefined)?.replicas ?? 0);
      const scaled = await client.patch(resource, namespace, input.name, 'merge', { spec: { replicas: input.replicas } }, { subresource: 'scale', signal: ctx.signal });
      return { kind: input.kind, name: input.name, namespace, previous, replicas: (scaled.spec as { replicas?: number } | undefined)?.replicas ?? input.replicas };
    },
    render: (out) => `${out.kind.toLowerCase()}/${out.name} scaled from ${out.previous} to ${out.replicas}`,
  });
}
