import { definePlugin } from '@mcpctl/kernel';

/**
 * @mcpctl/plugin-db — server type `db`: SQLite (built in, node:sqlite),
 * PostgreSQL (pg) and MySQL/MariaDB (mysql2). Setup only taps the hook; the
 * server, the MCP SDK and the one driver an entry needs load when a `db`
 * server is built.
 */
export default definePlugin({
  name: '@mcpctl/plugin-db',
  setup(ctx) {
    ctx.hooks.serverType.for('db').tapPromise(async (request, context) => (await import('./server.js')).createDbServer(request, context));
  },
});
