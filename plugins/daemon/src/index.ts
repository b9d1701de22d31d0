import { definePlugin } from '@mcpctl/kernel';
import { daemonCommands } from './commands/daemon/index.js';
import { serversCommands } from './commands/servers/index.js';

/**
 * The daemon plugin. Setup registers light command specs and the `session`
 * tap; the supervisor and prom-client load only in the daemon process, and
 * the socket client only when a session is asked for.
 */
export default definePlugin({
  name: '@mcpctl/plugin-daemon',
  setup(ctx) {
    ctx.hooks.session.tapPromise(async (request) => {
      const { offerDaemonSession } = await import('./session-proxy.js');
      return offerDaemonSession(request, ctx.logger);
    });
    ctx.hooks.commands.tap((registry) => {
      for (const spec of [...daemonCommands, ...serversCommands]) registry.register(spec);
    });
  },
});
