import { defineTool, type Tool } from '@mcpctl/toolkit';
import type { Cluster } from '../cluster.js';
import type { ContextInfo } from '../kubeconfig.js';

/** The contexts this entry may use: names, cluster, server URL and namespace; never a credential. */
export function listContextsTool(cluster: Cluster): Tool {
  return defineTool<Record<string, never>, { contexts: Array<ContextInfo & { default: boolean }> }>({
    name: 'list_contexts',
    title: 'List contexts',
    description: 'The kubeconfig contexts this server may use: name, cluster, API server URL and default namespace. Never shows credentials.',
    tier: 'read',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    outputSchema: {
      type: 'object',
      properties: {
        contexts: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, cluster: { type: 'string' }, server: { type: 'string' }, namespace: { type: 'string' }, default: { type: 'boolean' } },
            required: ['name', 'cluster', 'server', 'default'],
          },
        },
      },
      required: ['contexts'],
    },
    async handler() {
      return {
        contexts: cluster.contexts.map((c) => ({ name: c.name, cluster: c.cluster, server: c.server, ...(c.namespace ? { namespace: c.namespace } : {}), default: c.name === cluster.defaultContext })),
      };
    },
    render: (out) => out.contexts.map((c) => `${c.default ? '*' : ' '} ${c.name}\t${c.cluster}\t${c.server}\t${c.namespace ?? ''}`).join('\n'),
  });
}
