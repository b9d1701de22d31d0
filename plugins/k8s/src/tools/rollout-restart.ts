import { defineTool, type Tool } from '@mcpctl/toolkit';
import type { Cluster } from '../cluster.js';
import { contextProperty, nameProperty, namespaceProperty } from './common.js';
import { ROLLOUT_KINDS } from './rollout-state.js';

interface Input {
  context?: string;
  kind: (typeof ROLLOUT_KINDS)[number];
  name: string;
  namespace?: string;
}

const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** Restart a workload's pods the way kubectl does: a new restartedAt annotation on the pod template. */
export function rolloutRestartTool(cluster: Cluster): Tool {
  return defineTool<Input, { kind: string; name: string; namespace: string; restartedAt: string; generation?: number }>({
    name: 'rollout_restart',
    title: 'Restart a rollout',
    description: 'Restart the pods of a Deployment, StatefulSet or DaemonSet with a rolling update (sets the kubectl.kubernetes.io/restartedAt pod-template annotation). Follow with rollout_status.',
    tier: 'write',
    inputSchema: {
      type: 'object',
      properties: { ...contextProperty(cluster), kind: { enum: [...ROLLOUT_KINDS], default: 'Deployment' }, name: nameProperty('Workload name.'), namespace: namespaceProperty },
      required: ['name'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' }, restartedAt: { type: 'string' }, generation: { type: 'integer' } },
      required: ['kind', 'name', 'namespace', 'restartedAt'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const resource = await client.resolve(input.kind, 'apps/v1');
      const namespace = input.namespace ?? cluster.defaultNamespace(client);
      await client.requireCan('patch', resource, namespace, input.name, undefined, ctx.signal);
      const restartedAt = new Date().toISOString();
      const patched = await client.patch(resource, namespace, input.name, 'merge', { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: restartedAt } } } } }, { signal: ctx.signal });
      const generation = patched.metadata?.generation;
      return { kind: input.kind, name: input.name, namespace, restartedAt, ...(generation !== undefined ? { generation } : {}) };
    },
    render: (out) => `${out.kind.toLowerCase()}/${out.name} restarted at ${out.restartedAt}`,
  });
}
