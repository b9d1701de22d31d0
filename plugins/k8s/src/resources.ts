import { decodeOffset, defineResourceTemplate, offsetCursor, ToolError, ToolErrorCode, type ResourceInfo, type ResourceTemplate } from '@mcpctl/toolkit';
import type { Cluster } from './cluster.js';
import { toYaml, withoutManagedFields } from './tools/common.js';

/**
 * Objects as resources: `k8s://<context>/<namespace>/<kind>/<name>`
 * (namespace `_` for cluster-scoped kinds), read as YAML without
 * managedFields. The list offers the default context's Deployments, Pods,
 * Services and ConfigMaps in the allowed (or default) namespaces, paged.
 */

const CLUSTER_SCOPE = '_';
const LISTED_KINDS = ['deployments', 'pods', 'services', 'configmaps'];
const PAGE = 200;
const SCOPE = 'k8s.objects';

export function objectUri(context: string, namespace: string | undefined, kind: string, name: string): string {
  return `k8s://${encodeURIComponent(context)}/${encodeURIComponent(namespace ?? CLUSTER_SCOPE)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}`;
}

export function objectResources(cluster: Cluster): ResourceTemplate {
  return defineResourceTemplate({
    uriTemplate: 'k8s://{context}/{namespace}/{kind}/{name}',
    name: 'object',
    title: 'Kubernetes object',
    description: 'One object as YAML (managedFields removed; Secret values never, unless secrets: reveal). Namespace "_" for cluster-scoped kinds.',
    mimeType: 'application/yaml',
    async list(cursor, ctx) {
      const client = cluster.client(undefined);
      const all: ResourceInfo[] = [];
      for (const kind of LISTED_KINDS) {
        const resource = await client.resolve(kind);
        if (cluster.hides(resource)) continue;
        for (const namespace of cluster.listScopes(client, resource, undefined, cluster.allowedNamespaces !== undefined)) {
          const { items } = await client.listAll(resource, { namespace, signal: ctx.signal }, 1000);
          for (const item of items) {
            const name = item.metadata?.name ?? '';
            const ns = item.metadata?.namespace;
            all.push({ uri: objectUri(client.info.name, ns, resource.kind, name), name: `${resource.kind.toLowerCase()}/${ns ? `${ns}/` : ''}${name}`, title: `${resource.kind} ${ns ? `${ns}/` : ''}${name}`, mimeType: 'application/yaml' });
          }
        }
      }
      const offset = decodeOffset(cursor, SCOPE);
      const end = Math.min(all.length, offset + PAGE);
      return { resources: all.slice(offset, end), ...(end < all.length ? { nextCursor: offsetCursor(end, SCOPE) } : {}) };
    },
    async read(uri, variables, ctx) {
      const value = (key: string) => decodeURIComponent(String(variables[key] ?? ''));
      const client = cluster.client(value('context'));
      const resource = await client.resolve(value('kind'));
      const namespaceValue = value('namespace');
      const namespace = resource.namespaced ? namespaceValue : undefined;
      if (resource.namespaced && namespaceValue === CLUSTER_SCOPE) throw new ToolError(ToolErrorCode.NOT_FOUND, `${resource.kind} is namespaced: name a namespace instead of "_"`, { hint: 'k8s://<context>/<namespace>/<kind>/<name>' });
      const object = withoutManagedFields(await client.get(resource, namespace, value('name'), ctx.signal).catch((error: unknown) => {
        if ((error as ToolError).code === 'K8S_NOT_FOUND') throw new ToolError(ToolErrorCode.NOT_FOUND, (error as Error).message, { hint: 'List objects with the list tool.' });
        throw error;
      }));
      return [{ uri, mimeType: 'application/yaml', text: toYaml(object) }];
    },
  });
}
