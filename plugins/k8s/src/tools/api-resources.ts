import { cursorScope, decodeOffset, defineTool, offsetCursor, pageInputProperties, pageLimit, pageOutputProperties, type Tool } from '@mcpctl/toolkit';
import type { Cluster } from '../cluster.js';
import { contextProperty } from './common.js';

interface Input {
  context?: string;
  group?: string;
  namespaced?: boolean;
  cursor?: string;
  limit?: number;
}

interface Row {
  kind: string;
  resource: string;
  group: string;
  version: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  subresources: string[];
}

const LIMITS = { defaultLimit: 200, maxLimit: 1000 };

/** The kinds the cluster serves (discovery, CRDs included), minus the ones this entry hides. */
export function apiResourcesTool(cluster: Cluster): Tool {
  return defineTool<Input, { resources: Row[]; nextCursor?: string; truncated: boolean }>({
    name: 'api_resources',
    title: 'API resources',
    description: 'Kinds the cluster serves, from discovery (custom resources included): kind, plural, group, version, scope, verbs, short names. Denied kinds are left out. Paged.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        group: { type: 'string', description: 'Only this API group ("" for the core group).' },
        namespaced: { type: 'boolean', description: 'Only namespaced (true) or cluster-scoped (false) kinds.' },
        ...pageInputProperties(LIMITS),
      },
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        resources: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              kind: { type: 'string' }, resource: { type: 'string' }, group: { type: 'string' }, version: { type: 'string' }, namespaced: { type: 'boolean' },
              verbs: { type: 'array', items: { type: 'string' } }, shortNames: { type: 'array', items: { type: 'string' } }, subresources: { type: 'array', items: { type: 'string' } },
            },
            required: ['kind', 'resource', 'group', 'version', 'namespaced', 'verbs'],
          },
        },
        ...pageOutputProperties,
      },
      required: ['resources', 'truncated'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const all = (await client.discovery.resources())
        .filter((r) => r.preferred && !cluster.hides(r))
        .filter((r) => input.group === undefined || r.group === input.group)
        .filter((r) => input.namespaced === undefined || r.namespaced === input.namespaced)
        .sort((a, b) => a.group.localeCompare(b.group) || a.kind.localeCompare(b.kind));
      const scope = cursorScope({ ...input });
      const offset = decodeOffset(input.cursor, scope);
      const resources: Row[] = [];
      for (const r of all.slice(offset, offset + pageLimit(input, LIMITS))) {
        const row = { kind: r.kind, resource: r.resource, group: r.group, version: r.version, namespaced: r.namespaced, verbs: r.verbs, shortNames: r.shortNames, subresources: r.subresources };
        if (!ctx.budget.takeJson(row)) break;
        resources.push(row);
      }
      const end = offset + resources.length;
      return end < all.length ? { resources, nextCursor: offsetCursor(end, scope), truncated: true } : { resources, truncated: false };
    },
    render: (out) => [
      ...out.resources.map((r) => `${r.resource}\t${r.shortNames.join(',')}\t${r.group ? `${r.group}/` : ''}${r.version}\t${r.namespaced}\t${r.kind}`),
      ...(out.nextCursor ? [`(more: cursor=${out.nextCursor})`] : []),
    ].join('\n'),
  });
}
