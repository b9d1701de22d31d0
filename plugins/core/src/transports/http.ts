import type { McpTransport, TransportContext, TransportRequest } from '@mcpctl/kernel';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { AuthChallengeSource } from './diagnostics.js';
import { entryAuth } from './entry-auth.js';
import { stringMapField, urlField } from '@mcpctl/toolkit/entry';
import { createHttpFetch } from './http-fetch.js';
import { retryPolicyFrom } from './retry-policy.js';

/** How long close() waits for the session DELETE. */
const TERMINATE_TIMEOUT_MS = 2000;

/**
 * Streamable HTTP with the session ended politely: close() sends DELETE with
 * the Mcp-Session-Id (bounded) before dropping the streams. Resumption after
 * a dropped stream (Last-Event-ID, the server's `retry`) is the SDK's.
 */
class SessionHttpTransport extends StreamableHTTPClientTransport implements AuthChallengeSource {
  private closing = false;
  challenge: string | undefined;

  lastAuthChallenge(): string | undefined {
    return this.challenge;
  }

  override async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.sessionId) {
      const timer = new Promise<void>((resolve) => setTimeout(resolve, TERMINATE_TIMEOUT_MS).unref());
      await Promise.race([this.terminateSession().catch(() => undefined), timer]);
    }
    await super.close();
  }
}

export async function createHttpTransport(request: TransportRequest, ctx: TransportContext): Promise<McpTransport> {
  const { entry } = request;
  const label = request.name ?? String(entry.url);
  const url = urlField(entry, label);
  const auth = await entryAuth(request, ctx);
  const retry = retryPolicyFrom(entry.retry);
  let transport: SessionHttpTransport | undefined;
  const fetch = createHttpFetch({
    headers: stringMapField(entry, 'headers', label),
    authHeaders: auth?.headers?.bind(auth),
    authChallenge: auth?.challenge?.bind(auth),
    retry,
    logger: ctx.logger,
    label,
    onChallenge: (challenge) => { if (transport) transport.challenge = challenge; },
  });
  transport = new SessionHttpTransport(url, {
    fetch,
    authProvider: auth?.oauthProvider as OAuthClientProvider | undefined,
    reconnectionOptions: { initialReconnectionDelay: retry.baseMs, maxReconnectionDelay: retry.maxMs, reconnectionDelayGrowFactor: 2, maxRetries: retry.tries },
  });
  return transport as unknown as McpTransport;
}
