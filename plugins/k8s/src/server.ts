import type { ServerBuildContext, ServerBuildRequest } from '@mcpctl/kernel';
import { createToolServer, withCleanup, type ToolServer } from '@mcpctl/toolkit';
import { Cluster } from './cluster.js';
import { normalizeOptions } from './options.js';
import { objectResources } from './resources.js';
import { apiResourcesTool } from './tools/api-resources.js';
import { applyTool } from './tools/apply.js';
import { cordonTool } from './tools/cordon.js';
import { deleteTool } from './tools/delete.js';
import { describeTool } from './tools/describe.js';
import { drainTool } from './tools/drain.js';
import { eventsTool } from './tools/events.js';
import { execTool } from './tools/exec.js';
import { getTool } from './tools/get.js';
import { listContextsTool } from './tools/list-contexts.js';
import { listTool } from './tools/list.js';
import { logsTool } from './tools/logs.js';
import { metadataMapTool } from './tools/metadata-map.js';
import { rolloutRestartTool } from './tools/rollout-restart.js';
import { rolloutStatusTool } from './tools/rollout-status.js';
import { scaleTool } from './tools/scale.js';
import { topTool } from './tools/top.js';
import { watchTool } from './tools/watch.js';
import { VERSION } from './version.js';

/**
 * Build the MCP server for one `type: k8s` entry: load the kubeconfig and
 * the allowed contexts (no request is made yet), and serve the tools and
 * the object resources. Every API request any of them makes passes the
 * entry's request filter (api/filter.ts). Closing the server closes the
 * contexts' connection pools.
 */
export async function createK8sServer(request: ServerBuildRequest, context: ServerBuildContext): Promise<ToolServer> {
  const options = normalizeOptions(request.entry, request.name, context.baseDir);
  const cluster = new Cluster(options, request.name);
  const logger = context.logger.child({ server: request.name, context: cluster.defaultContext });
  const tools = [
    listContextsTool(cluster),
    apiResourcesTool(cluster),
    listTool(cluster),
    getTool(cluster),
    describeTool(cluster),
    eventsTool(cluster),
    logsTool(cluster),
    topTool(cluster),
    rolloutStatusTool(cluster),
    watchTool(cluster),
    applyTool(cluster),
    scaleTool(cluster),
    rolloutRestartTool(cluster),
    metadataMapTool(cluster, 'labels'),
    metadataMapTool(cluster, 'annotations'),
    cordonTool(cluster, true),
    cordonTool(cluster, false),
    deleteTool(cluster),
    execTool(cluster),
    drainTool(cluster),
  ];
  const namespaces = options.namespaces ? options.namespaces.join(', ') : 'all';
  const server = createToolServer({
    name: 'mcpctl-k8s',
    version: VERSION,
    title: `Kubernetes ${request.name}`,
    entryName: request.name,
    access: options.access,
    instructions:
      `Kubernetes (context ${cluster.defaultContext}${cluster.multiContext ? `; also ${cluster.contexts.map((c) => c.name).filter((n) => n !== cluster.defaultContext).join(', ')}` : ''}), namespaces: ${namespaces}, access: ${options.access}, secrets: ${options.secrets}. ` +
      'Find kinds with api_resources; read with list (paged: follow nextCursor), get, describe, events, logs, top, rollout_status and watch' +
      (options.access === 'read' ? '.' : '; change with apply (dry run and diff first), scale, rollout_restart, label, annotate, cordon/uncordon') +
      (options.access === 'destructive' ? '; delete (selectors need confirm), exec (argv array) and drain.' : options.access === 'write' ? '.' : ''),
    tools,
    resourceTemplates: [objectResources(cluster)],
    logger,
    timeoutMs: options.requestTimeoutMs * 2,
    ...(options.maxResultBytes ? { maxResultBytes: options.maxResultBytes } : {}),
  });
  return withCleanup(server, () => cluster.close());
}
