import { definePlugin } from '@mcpctl/kernel';

/**
 * @mcpctl/plugin-k8s — server type `k8s`: a Kubernetes cluster as MCP tools.
 * Setup only taps the hook; the server, @kubernetes/client-node and the MCP
 * SDK load when a `k8s` server is built.
 */
export default definePlugin({
  name: '@mcpctl/plugin-k8s',
  setup(ctx) {
    ctx.hooks.serverType.for('k8s').tapPromise(async (request, context) => (await import('./server.js')).createK8sServer(request, context));
  },
});
