import { defineTool, type Tool } from '@mcpctl/toolkit';
import type { KubeObject } from '../api/client.js';
import type { Cluster } from '../cluster.js';
import { age, contextProperty, kindProperties, nameProperty, namespaceProperty, toYaml, withoutManagedFields } from './common.js';
import { eventRowSchema, fetchEvents, type EventRow } from './event-rows.js';
import { selectorString, type LabelSelector } from './selector.js';

interface Input {
  context?: string;
  kind: string;
  apiVersion?: string;
  name: string;
  namespace?: string;
  eventLimit: number;
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

interface PodRow {
  name: string;
  phase: string;
  ready: string;
  restarts: number;
  node?: string;
  age?: string;
}

type Output = {
  kind: string;
  name: string;
  namespace?: string;
  object: KubeObject;
  conditions: Condition[];
  pods?: PodRow[];
  events: EventRow[];
  truncated: boolean;
};

/** Kinds whose spec.selector picks their pods. */
const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);
const MAX_PODS = 100;

/** An object with its conditions, its events and, for workloads, the pods it owns. */
export function describeTool(cluster: Cluster): Tool {
  return defineTool<Input, Output>({
    name: 'describe',
    title: 'Describe an object',
    description: 'One object with its status conditions and recent events (newest first); for workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job) also the pods it selects, with phase, readiness and restarts.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        ...kindProperties,
        name: nameProperty('Object name.'),
        namespace: namespaceProperty,
        eventLimit: { type: 'integer', minimum: 0, maximum: 200, default: 20, description: 'Most events to include.' },
      },
      required: ['kind', 'name'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' }, object: { type: 'object' },
        conditions: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, status: { type: 'string' } }, required: ['type', 'status'] } },
        pods: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, phase: { type: 'string' }, ready: { type: 'string' }, restarts: { type: 'integer' } }, required: ['name', 'phase', 'ready', 'restarts'] } },
        events: { type: 'array', items: eventRowSchema },
        truncated: { type: 'boolean' },
      },
      required: ['kind', 'name', 'object', 'conditions', 'events', 'truncated'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const resource = await client.resolve(input.kind, input.apiVersion);
      const namespace = cluster.namespaceFor(client, resource, input.namespace);
      const object = withoutManagedFields(await client.get(resource, namespace, input.name, ctx.signal));
      let truncated = false;
      const conditions = ((object.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).map((c) => ({
        type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}), ...(c.lastTransitionTime ? { lastTransitionTime: c.lastTransitionTime } : {}),
      }));
      // The object is carried twice (structured and the text rendering).
      if (!ctx.budget.take(2 * Buffer.byteLength(JSON.stringify(object)))) truncated = true;
      let pods: PodRow[] | undefined;
      if (WORKLOADS.has(resource.kind) && namespace) {
        const selector = selectorString((object.spec as { selector?: LabelSelector } | undefined)?.selector);
        if (selector) {
          const podResource = await client.resolve('pods', 'v1');
          const list = await client.list(podResource, { namespace, labelSelector: selector, limit: MAX_PODS, signal: ctx.signal });
          pods = [];
          for (const pod of list.items) {
            const row = podRow(pod);
            if (!ctx.budget.takeJson(row)) {
              truncated = true;
              break;
            }
            pods.push(row);
          }
          if (list.metadata?.continue) truncated = true;
        }
      }
      const events: EventRow[] = [];
      if (input.eventLimit > 0 && object.metadata?.uid) {
        const found = await fetchEvents(client, { namespace, uid: object.metadata.uid, signal: ctx.signal });
        for (const event of found.events.slice(0, input.eventLimit)) {
          if (!ctx.budget.takeJson(event)) {
            truncated = true;
            break;
          }
          events.push(event);
        }
      }
      return {
        kind: object.kind ?? resource.kind,
        name: input.name,
        ...(namespace ? { namespace } : {}),
        object: truncated && Buffer.byteLength(JSON.stringify(object)) * 2 > ctx.budget.limit ? { metadata: object.metadata ?? {} } : object,
        conditions,
        ...(pods ? { pods } : {}),
        events,
        truncated,
      };
    },
    render: (out) => {
      const lines = [toYaml(out.object).trimEnd()];
      if (out.conditions.length > 0) {
        lines.push('', 'Conditions:');
        for (const c of out.conditions) lines.push(`  ${c.type}\t${c.status}${c.reason ? `\t${c.reason}` : ''}${c.message ? `\t${c.message}` : ''}`);
      }
      if (out.pods) {
        lines.push('', `Pods (${out.pods.length}):`);
        for (const p of out.pods) lines.push(`  ${p.name}\t${p.phase}\t${p.ready}\trestarts ${p.restarts}${p.node ? `\t${p.node}` : ''}${p.age ? `\t${p.age}` : ''}`);
      }
      lines.push('', out.events.length > 0 ? 'Events (newest first):' : 'Events: none');
      for (const e of out.events) lines.push(`  ${e.lastSeen ?? ''}\t${e.type}\t${e.reason}\t${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
      if (out.truncated) lines.push('', '… (cut at the byte budget)');
      return lines.join('\n');
    },
  });
}

function podRow(pod: KubeObject): PodRow {
  const status = (pod.status ?? {}) as { phase?: string; containerStatuses?: Array<{ ready?: boolean; restartCount?: number }> };
  const containers = status.containerStatuses ?? [];
  const spec = (pod.spec ?? {}) as { nodeName?: string; containers?: unknown[] };
  const podAge = age(pod.metadata?.creationTimestamp);
  return {
    name: pod.metadata?.name ?? '',
    phase: status.phase ?? 'Unknown',
    ready: `${containers.filter((c) => c.ready).length}/${spec.containers?.length ?? containers.length}`,
    restarts: containers.reduce((sum, c) => sum + (c.restartCount ?? 0), 0),
    ...(spec.nodeName ? { node: spec.nodeName } : {}),
    ...(podAge ? { age: podAge } : {}),
  };
}
