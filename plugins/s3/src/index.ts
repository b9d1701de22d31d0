import { definePlugin } from '@mcpctl/kernel';

/**
 * @mcpctl/plugin-s3 — server type `s3`: AWS S3 and S3-compatible object
 * stores. Setup only taps the hook; the server, the AWS SDK and the MCP SDK
 * load when an `s3` server is built.
 */
export default definePlugin({
  name: '@mcpctl/plugin-s3',
  setup(ctx) {
    ctx.hooks.serverType.for('s3').tapPromise(async (request, context) => (await import('./server.js')).createS3Server(request, context));
  },
});
