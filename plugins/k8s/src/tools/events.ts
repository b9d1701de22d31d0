import { cursorScope, decodeOffset, defineTool, offsetCursor, pageInputProperties, pageLimit, pageOutputProperties, type Tool } from '@mcpctl/toolkit';
import type { Cluster } from '../cluster.js';
import { contextProperty, nameProperty, namespaceProperty } from './common.js';
import { eventRowSchema, fetchEvents, type EventRow } from './event-rows.js';

interface Input {
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  kind?: string;
  name?: string;
  type?: 'Normal' | 'Warning';
  reason?: string;
  cursor?: string;
  limit?: number;
}

const LIMITS = { defaultLimit: 50, maxLimit: 500 };

/** Events, filtered by object, type and reason, newest first, paged. */
export function eventsTool(cluster: Cluster): Tool {
  return defineTool<Input, { events: EventRow[]; nextCursor?: string; truncated: boolean }>({
    name: 'events',
    title: 'Events',
    description: 'Events in a namespace or across the allowed namespaces, newest first; filter by the object (kind, name), type (Warning) and reason. Paged.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        namespace: namespaceProperty,
        allNamespaces: { type: 'boolean', description: 'Every namespace this server allows.' },
        kind: { type: 'string', minLength: 1, pattern: '^[A-Za-z][A-Za-z0-9]*$', description: 'Kind of the object the events are about (Pod, Deployment…).' },
        name: nameProperty('Name of the object the events are about.'),
        type: { enum: ['Normal', 'Warning'] },
        reason: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9]+$', description: 'Event reason, e.g. BackOff, FailedScheduling.' },
        ...pageInputProperties(LIMITS),
      },
      additionalProperties: false,
    },
    outputSchema: { type: 'object', properties: { events: { type: 'array', items: eventRowSchema }, ...pageOutputProperties }, required: ['events', 'truncated'] },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const resource = await client.resolve('events', 'v1');
      const all: EventRow[] = [];
      for (const namespace of cluster.listScopes(client, resource, input.namespace, input.allNamespaces)) {
        const { events } = await fetchEvents(client, { namespace, kind: input.kind, name: input.name, type: input.type, reason: input.reason, signal: ctx.signal });
        all.push(...events);
      }
      all.sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
      const scope = cursorScope({ ...input });
      const offset = decodeOffset(input.cursor, scope);
      const events: EventRow[] = [];
      for (const event of all.slice(offset, offset + pageLimit(input, LIMITS))) {
        if (!ctx.budget.takeJson(event)) break;
        events.push(event);
      }
      const end = offset + events.length;
      return end < all.length ? { events, nextCursor: offsetCursor(end, scope), truncated: true } : { events, truncated: false };
    },
    render: (out) => [
      ...out.events.map((e) => `${e.lastSeen ?? ''}\t${e.type}\t${e.reason}\t${e.namespace ? `${e.namespace}/` : ''}${e.object}\t${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`),
      ...(out.nextCursor ? [`(more: cursor=${out.nextCursor})`] : []),
    ].join('\n') || '(no events)',
  });
}
