import { cursorScope, decodeOffset, defineTool, offsetCursor, pageInputProperties, pageLimit, pageOutputProperties, ToolError, type Tool } from '@mcpctl/toolkit';
import type { JsonSchema } from '@mcpctl/kernel';
import type { KubeObject } from '../api/client.js';
import type { Cluster } from '../cluster.js';
import { K8sErrorCode } from '../tool-errors.js';
import { contextProperty, namespaceProperty, selectorProperties } from './common.js';
import { bytes, millicores } from './quantity.js';

interface Input {
  context?: string;
  resource: 'pods' | 'nodes';
  namespace?: string;
  allNamespaces?: boolean;
  labelSelector?: string;
  sortBy: 'cpu' | 'memory';
  cursor?: string;
  limit?: number;
}

interface UsageRow {
  name: string;
  namespace?: string;
  cpuMillicores: number;
  memoryBytes: number;
  containers?: Array<{ name: string; cpuMillicores: number; memoryBytes: number }>;
}

const LIMITS = { defaultLimit: 50, maxLimit: 1000 };
const METRICS_GROUP = 'metrics.k8s.io';

/** CPU and memory use of pods or nodes, from the metrics API (metrics-server), heaviest first. */
export function topTool(cluster: Cluster): Tool {
  return defineTool<Input, { resource: string; items: UsageRow[]; nextCursor?: string; truncated: boolean }>({
    name: 'top',
    title: 'Resource usage',
    description: 'Current CPU (millicores) and memory (bytes) of pods or nodes from the metrics API, heaviest first. Needs metrics-server in the cluster; says so clearly when it is missing. Paged.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        resource: { enum: ['pods', 'nodes'], default: 'pods' },
        namespace: namespaceProperty,
        allNamespaces: { type: 'boolean', description: 'Pods of every namespace this server allows.' },
        labelSelector: selectorProperties.labelSelector as JsonSchema,
        sortBy: { enum: ['cpu', 'memory'], default: 'cpu' },
        ...pageInputProperties(LIMITS),
      },
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        resource: { type: 'string' },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' }, cpuMillicores: { type: 'integer' }, memoryBytes: { type: 'integer' } }, required: ['name', 'cpuMillicores', 'memoryBytes'] } },
        ...pageOutputProperties,
      },
      required: ['resource', 'items', 'truncated'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      if (!(await client.discovery.hasGroup(METRICS_GROUP))) {
        throw new ToolError(K8sErrorCode.METRICS_UNAVAILABLE, `The cluster of context ${client.info.name} does not serve the metrics API (${METRICS_GROUP})`, {
          hint: 'Install metrics-server (https://github.com/kubernetes-sigs/metrics-server); until then, describe shows requests and limits.',
        });
      }
      const resource = await client.resolve(input.resource === 'nodes' ? 'nodes' : 'pods', `${METRICS_GROUP}/v1beta1`);
      const rows: UsageRow[] = [];
      for (const namespace of cluster.listScopes(client, resource, input.namespace, input.allNamespaces)) {
        const { items } = await client.listAll(resource, { namespace, labelSelector: input.labelSelector, signal: ctx.signal });
        rows.push(...items.map(usageRow));
      }
      rows.sort((a, b) => (input.sortBy === 'memory' ? b.memoryBytes - a.memoryBytes : b.cpuMillicores - a.cpuMillicores) || a.name.localeCompare(b.name));
      const scope = cursorScope({ ...input });
      const offset = decodeOffset(input.cursor, scope);
      const items: UsageRow[] = [];
      for (const row of rows.slice(offset, offset + pageLimit(input, LIMITS))) {
        if (!ctx.budget.takeJson(row)) break;
        items.push(row);
      }
      const end = offset + items.length;
      return end < rows.length ? { resource: input.resource, items, nextCursor: offsetCursor(end, scope), truncated: true } : { resource: input.resource, items, truncated: false };
    },
    render: (out) => [
      ...out.items.map((r) => `${r.namespace ? `${r.namespace}/` : ''}${r.name}\t${r.cpuMillicores}m\t${Math.round(r.memoryBytes / 2 ** 20)}Mi`),
      ...(out.nextCursor ? [`(more: cursor=${out.nextCursor})`] : []),
    ].join('\n') || '(no metrics)',
  });
}

function usageRow(item: KubeObject): UsageRow {
  const containers = (item.containers as Array<{ name: string; usage?: { cpu?: string; memory?: string } }> | undefined)?.map((c) => ({ name: c.name, cpuMillicores: millicores(c.usage?.cpu), memoryBytes: bytes(c.usage?.memory) }));
  const usage = item.usage as { cpu?: string; memory?: string } | undefined;
  return {
    name: item.metadata?.name ?? '',
    ...(item.metadata?.namespace ? { namespace: item.metadata.namespace } : {}),
    cpuMillicores: containers ? containers.reduce((s, c) => s + c.cpuMillicores, 0) : millicores(usage?.cpu),
    memoryBytes: containers ? containers.reduce((s, c) => s + c.memoryBytes, 0) : bytes(usage?.memory),
    ...(containers ? { containers } : {}),
  };
}
