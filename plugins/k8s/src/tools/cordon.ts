import { defineTool, type Tool } from '@mcpctl/toolkit';
import type { KubeClient } from '../api/client.js';
import type { Cluster } from '../cluster.js';
import { contextProperty, nameProperty } from './common.js';

interface Input {
  context?: string;
  node: string;
}

/** Mark a node (un)schedulable; returns whether it changed. Shared by cordon, uncordon and drain. */
export async function setUnschedulable(client: KubeClient, node: string, unschedulable: boolean, options: { dryRun?: boolean; signal?: AbortSignal } = {}): Promise<boolean> {
  const resource = await client.resolve('nodes', 'v1');
  const current = await client.get(resource, undefined, node, options.signal);
  const was = (current.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
  if (was === unschedulable) return false;
  await client.patch(resource, undefined, node, 'merge', { spec: { unschedulable: unschedulable ? true : null } }, { dryRun: options.dryRun, signal: options.signal });
  return true;
}

/** cordon and uncordon. */
export function cordonTool(cluster: Cluster, unschedulable: boolean): Tool {
  const name = unschedulable ? 'cordon' : 'uncordon';
  return defineTool<Input, { node: string; unschedulable: boolean; changed: boolean }>({
    name,
    title: unschedulable ? 'Cordon a node' : 'Uncordon a node',
    description: unschedulable ? 'Mark a node unschedulable: running pods stay, new pods go elsewhere.' : 'Mark a node schedulable again.',
    tier: 'write',
    idempotent: true,
    inputSchema: { type: 'object', properties: { ...contextProperty(cluster), node: nameProperty('Node name.') }, required: ['node'], additionalProperties: false },
    outputSchema: { type: 'object', properties: { node: { type: 'string' }, unschedulable: { type: 'boolean' }, changed: { type: 'boolean' } }, required: ['node', 'unschedulable', 'changed'] },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      await client.requireCan('patch', await client.resolve('nodes', 'v1'), undefined, input.node, undefined, ctx.signal);
      const changed = await setUnschedulable(client, input.node, unschedulable, { signal: ctx.signal });
      return { node: input.node, unschedulable, changed };
    },
    render: (out) => `node/${out.node} ${out.changed ? (out.unschedulable ? 'cordoned' : 'uncordoned') : `already ${out.unschedulable ? 'cordoned' : 'schedulable'}`}`,
  });
}
