import { defineTool, type Tool } from '@mcpctl/toolkit';
import type { Cluster } from '../cluster.js';
import { contextProperty, nameProperty, namespaceProperty } from './common.js';
import { ROLLOUT_KINDS, rolloutState, type RolloutState } from './rollout-state.js';

interface Input {
  context?: string;
  kind: (typeof ROLLOUT_KINDS)[number];
  name: string;
  namespace?: string;
  waitSeconds: number;
}

type Output = RolloutState & { kind: string; name: string; namespace: string; waited: boolean };

/** Whether a rollout is done; with waitSeconds, watches the object until it is, the time runs out or the call is cancelled. */
export function rolloutStatusTool(cluster: Cluster): Tool {
  return defineTool<Input, Output>({
    name: 'rollout_status',
    title: 'Rollout status',
    description: 'Whether a Deployment, StatefulSet or DaemonSet has finished rolling out (as kubectl rollout status says it). waitSeconds > 0 watches until it is done or the time is up.',
    tier: 'read',
    timeoutMs: 660_000,
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        kind: { enum: [...ROLLOUT_KINDS], default: 'Deployment' },
        name: nameProperty('Workload name.'),
        namespace: namespaceProperty,
        waitSeconds: { type: 'integer', minimum: 0, maximum: 600, default: 0, description: 'Wait up to this long for the rollout to finish (0: answer at once).' },
      },
      required: ['name'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' }, done: { type: 'boolean' }, message: { type: 'string' }, waited: { type: 'boolean' },
        generation: { type: 'integer' }, observedGeneration: { type: 'integer' },
        replicas: { type: 'integer' }, updatedReplicas: { type: 'integer' }, readyReplicas: { type: 'integer' }, availableReplicas: { type: 'integer' },
      },
      required: ['kind', 'name', 'namespace', 'done', 'message', 'waited', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const resource = await client.resolve(input.kind, 'apps/v1');
      const namespace = input.namespace ?? cluster.defaultNamespace(client);
      const object = await client.get(resource, namespace, input.name, ctx.signal);
      let state = rolloutState(input.kind, object);
      const base = { kind: input.kind, name: input.name, namespace };
      if (state.done || input.waitSeconds === 0) return { ...base, ...state, waited: false };
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), input.waitSeconds * 1000);
      const signal = AbortSignal.any([ctx.signal, stop.signal]);
      try {
        await client.watch(resource, { namespace, fieldSelector: `metadata.name=${input.name}`, resourceVersion: object.metadata?.resourceVersion, timeoutSeconds: input.waitSeconds, signal }, (event) => {
          if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return true;
          state = rolloutState(input.kind, event.object);
          ctx.progress(state.updatedReplicas, state.replicas, state.message);
          return !state.done;
        });
      } finally {
        clearTimeout(timer);
      }
      return { ...base, ...state, waited: true };
    },
    render: (out) => out.message,
  });
}
