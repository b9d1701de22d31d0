import type { McpTransport, TransportContext, TransportRequest } from '@mcpctl/kernel';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import type { AuthChallengeSource } from './diagnostics.js';
import { stringMapField, urlField } from '@mcpctl/toolkit/entry';
import { entryAuth } from './entry-auth.js';
import { createHttpFetch } from './http-fetch.js';
import { retryPolicyFrom } from './retry-policy.js';

class ObservedSseTransport extends SSEClientTransport implements AuthChallengeSource {
  challenge: string | undefined;

  lastAuthChallenge(): string | undefined {
    return this.challenge;
  }
}

/** The legacy HTTP+SSE transport (protocol 2024-11-05): a GET event stream plus POSTs to the endpoint it names. */
export async function createSseTransport(request: TransportRequest, ctx: TransportContext): Promise<McpTransport> {
  const { entry } = request;
  const label = request.name ?? String(entry.url);
  const url = urlField(entry, label);
  const auth = await entryAuth(request, ctx);
  let transport: ObservedSseTransport | undefined;
  const fetch = createHttpFetch({
    headers: stringMapField(entry, 'headers', label),
    authHeaders: auth?.headers?.bind(auth),
    authChallenge: auth?.challenge?.bind(auth),
    retry: retryPolicyFrom(entry.retry),
    logger: ctx.logger,
    label,
    onChallenge: (challenge) => { if (transport) transport.challenge = challenge; },
  });
  transport = new ObservedSseTransport(url, { fetch, authProvider: auth?.oauthProvider as OAuthClientProvider | undefined });
  return transport as unknown as McpTransport;
}
