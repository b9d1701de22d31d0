import type { KubeClient, KubeObject } from '../api/client.js';

/** Core v1 Events as compact rows, newest first: shared by events and describe. */

export interface EventRow {
  namespace?: string;
  type: string;
  reason: string;
  object: string;
  message: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  source?: string;
}

export const eventRowSchema = {
  type: 'object',
  properties: {
    namespace: { type: 'string' }, type: { type: 'string' }, reason: { type: 'string' }, object: { type: 'string' }, message: { type: 'string' },
    count: { type: 'integer' }, firstSeen: { type: 'string' }, lastSeen: { type: 'string' }, source: { type: 'string' },
  },
  required: ['type', 'reason', 'object', 'message', 'count'],
} as const;

export interface EventQuery {
  namespace: string | undefined;
  kind?: string | undefined;
  name?: string | undefined;
  uid?: string | undefined;
  type?: string | undefined;
  reason?: string | undefined;
  signal?: AbortSignal | undefined;
}

const MAX_EVENTS = 5000;

export async function fetchEvents(client: KubeClient, query: EventQuery): Promise<{ events: EventRow[]; complete: boolean }> {
  const resource = await client.resolve('events', 'v1');
  const selectors = [
    query.kind ? `involvedObject.kind=${query.kind}` : undefined,
    query.name ? `involvedObject.name=${query.name}` : undefined,
    query.uid ? `involvedObject.uid=${query.uid}` : undefined,
    query.type ? `type=${query.type}` : undefined,
    query.reason ? `reason=${query.reason}` : undefined,
  ].filter((s): s is string => s !== undefined);
  const { items, complete } = await client.listAll(resource, { namespace: query.namespace, fieldSelector: selectors.join(',') || undefined, signal: query.signal }, MAX_EVENTS);
  return { events: items.map(eventRow).sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '')), complete };
}

function eventRow(event: KubeObject): EventRow {
  const e = event as KubeObject & {
    type?: string; reason?: string; message?: string; count?: number; firstTimestamp?: string; lastTimestamp?: string; eventTime?: string;
    involvedObject?: { kind?: string; name?: string }; source?: { component?: string; host?: string }; reportingComponent?: string; series?: { count?: number; lastObservedTime?: string };
  };
  const lastSeen = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  const firstSeen = e.firstTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  const source = e.source?.component ? `${e.source.component}${e.source.host ? `, ${e.source.host}` : ''}` : e.reportingComponent;
  return {
    ...(e.metadata?.namespace ? { namespace: e.metadata.namespace } : {}),
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    object: `${e.involvedObject?.kind ?? '?'}/${e.involvedObject?.name ?? '?'}`,
    message: e.message ?? '',
    count: e.series?.count ?? e.count ?? 1,
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
    ...(source ? { source } : {}),
  };
}
