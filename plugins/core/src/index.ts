import { definePlugin } from '@mcpctl/kernel';
import { registerAuthMethods } from './auth/index.js';
import { authCommands } from './commands/auth/index.js';
import { clientCommands } from './commands/client/index.js';
import { configCommands } from './commands/config/index.js';
import { pluginsCommands } from './commands/plugins/index.js';
import { serveCommands } from './commands/serve/index.js';
import { registerTransports } from './transports/index.js';

/**
 * The core plugin. Setup only registers light specs and taps: every command's
 * implementation, and the MCP SDK, are imported when they are used.
 */
export default definePlugin({
  name: '@mcpctl/plugin-core',
  setup(ctx) {
    registerTransports(ctx.hooks);
    registerAuthMethods(ctx.hooks);
    ctx.hooks.commands.tap((registry) => {
      for (const spec of [...configCommands, ...pluginsCommands, ...clientCommands, ...serveCommands, ...authCommands]) registry.register(spec);
    });
  },
});
