import { defineTool, type Tool } from '@mcpctl/toolkit';
import type { KubeObject } from '../api/client.js';
import type { Cluster } from '../cluster.js';
import { contextProperty, kindProperties, namespaceProperty, selectorProperties, withoutManagedFields } from './common.js';

interface Input {
  context?: string;
  kind: string;
  apiVersion?: string;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  timeoutSeconds: number;
  maxEvents: number;
  objects?: boolean;
}

interface WatchEvent {
  type: string;
  name: string;
  namespace?: string;
  resourceVersion?: string;
  object?: KubeObject;
}

type Output = {
  kind: string;
  events: WatchEvent[];
  /** Why the watch ended. */
  ended: 'timeout' | 'maxEvents' | 'server' | 'budget';
  resourceVersion?: string;
  truncated: boolean;
};

/** Changes to objects of a kind, for a while: a watch that ends at a time limit, an event count or the byte budget, and stops when the call is cancelled. */
export function watchTool(cluster: Cluster): Tool {
  return defineTool<Input, Output>({
    name: 'watch',
    title: 'Watch objects',
    description: 'Collect changes (ADDED, MODIFIED, DELETED) to objects of a kind for up to timeoutSeconds or maxEvents. Pass the returned resourceVersion to continue where it ended. Without resourceVersion the current objects arrive first as ADDED.',
    tier: 'read',
    timeoutMs: 330_000,
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        ...kindProperties,
        namespace: namespaceProperty,
        ...selectorProperties,
        resourceVersion: { type: 'string', pattern: '^[0-9]+$', description: 'Start after this resourceVersion (from list or a previous watch).' },
        timeoutSeconds: { type: 'integer', minimum: 1, maximum: 300, default: 10 },
        maxEvents: { type: 'integer', minimum: 1, maximum: 10_000, default: 100 },
        objects: { type: 'boolean', description: 'Include each event\'s full object (managedFields removed).' },
      },
      required: ['kind'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        kind: { type: 'string' },
        events: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' }, resourceVersion: { type: 'string' }, object: { type: 'object' } }, required: ['type', 'name'] } },
        ended: { enum: ['timeout', 'maxEvents', 'server', 'budget'] },
        resourceVersion: { type: 'string' },
        truncated: { type: 'boolean' },
      },
      required: ['kind', 'events', 'ended', 'truncated'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const resource = await client.resolve(input.kind, input.apiVersion);
      const [namespace] = cluster.listScopes(client, resource, input.namespace, false);
      const events: WatchEvent[] = [];
      let ended = 'server' as Output['ended'];
      let resourceVersion = input.resourceVersion;
      const timeUp = new AbortController();
      const timer = setTimeout(() => {
        ended = 'timeout';
        timeUp.abort();
      }, input.timeoutSeconds * 1000);
      try {
        await client.watch(
          resource,
          { namespace, labelSelector: input.labelSelector, fieldSelector: input.fieldSelector, resourceVersion, timeoutSeconds: input.timeoutSeconds, signal: AbortSignal.any([ctx.signal, timeUp.signal]) },
          (event) => {
            const meta = event.object.metadata;
            if (meta?.resourceVersion) resourceVersion = meta.resourceVersion;
            if (event.type === 'BOOKMARK') return true;
            const row: WatchEvent = { type: event.type, name: meta?.name ?? '', ...(meta?.namespace ? { namespace: meta.namespace } : {}), ...(meta?.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}) };
            if (input.objects) row.object = withoutManagedFields(event.object);
            if (!ctx.budget.takeJson(row)) {
              ended = 'budget';
              return false;
            }
            events.push(row);
            ctx.progress(events.length, input.maxEvents);
            if (events.length >= input.maxEvents) {
              ended = 'maxEvents';
              return false;
            }
            return true;
          },
        );
      } finally {
        clearTimeout(timer);
      }
      ctx.signal.throwIfAborted();
      return { kind: resource.kind, events, ended, ...(resourceVersion ? { resourceVersion } : {}), truncated: ended === 'budget' };
    },
    render: (out) => [...out.events.map((e) => `${e.type}\t${e.namespace ? `${e.namespace}/` : ''}${e.name}\t${e.resourceVersion ?? ''}`), `(ended: ${out.ended}${out.resourceVersion ? `, resourceVersion ${out.resourceVersion}` : ''})`].join('\n'),
  });
}
