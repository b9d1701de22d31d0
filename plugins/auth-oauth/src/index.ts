import { definePlugin } from '@mcpctl/kernel';
import { authCommands } from './commands/auth/index.js';

export type * from './types.js';

/**
 * @mcpctl/plugin-auth-oauth. Setup only taps; the OAuth client, jose and the
 * MCP SDK's auth functions are imported when a server using them is reached.
 */
export default definePlugin({
  name: '@mcpctl/plugin-auth-oauth',
  setup(ctx) {
    ctx.hooks.auth.client.for('oauth').tapPromise(async (request, context) => {
      const { oauthClientAuth } = await import('./client/client-auth.js');
      return oauthClientAuth(request, context);
    });
    ctx.hooks.auth.verifier.for('jwt').tapPromise(async (request) => {
      const { createJwtVerifier } = await import('./verify/jwt-verifier.js');
      return createJwtVerifier(request);
    });
    ctx.hooks.auth.verifier.for('oauth').tapPromise(async (request) => {
      const { createIntrospectionVerifier } = await import('./verify/introspection-verifier.js');
      return createIntrospectionVerifier(request);
    });
    ctx.hooks.commands.tap((registry) => {
      for (const spec of authCommands) registry.register(spec);
    });
  },
});
