import { definePlugin } from '@mcpctl/kernel';

/**
 * @mcpctl/plugin-fs — server type `fs`. Setup only taps the hook; the server
 * (and the MCP SDK) load when an fs entry is served.
 */
export default definePlugin({
  name: '@mcpctl/plugin-fs',
  setup(ctx) {
    ctx.hooks.serverType.for('fs').tapPromise(async (request, build) => (await import('./server.js')).createFsServer(request, build));
  },
});
