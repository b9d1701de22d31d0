import { extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

export interface BearerChallenge {
  resourceMetadataUrl?: string;
  scope?: string;
  error?: string;
}

/** `WWW-Authenticate: Bearer resource_metadata="…", scope="…", error="…"`, read with the SDK's parser. */
export function parseChallenge(header: string): BearerChallenge {
  if (!header) return {};
  const params = extractWWWAuthenticateParams(new Response(null, { headers: { 'WWW-Authenticate': header } }));
  const result: BearerChallenge = {};
  if (params.resourceMetadataUrl) result.resourceMetadataUrl = params.resourceMetadataUrl.href;
  if (params.scope) result.scope = params.scope;
  if (params.error) result.error = params.error;
  return result;
}

/**
 * What the server says to a client without credentials: an MCP initialize
 * request sent bare, answered (by a protected server) with 401 and its
 * WWW-Authenticate challenge. Anything else yields no hints.
 */
export async function probeChallenge(serverUrl: string, fetchFn: typeof fetch, signal?: AbortSignal): Promise<BearerChallenge> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'mcpctl', version: '0' } } });
  try {
    const response = await fetchFn(serverUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body,
      ...(signal ? { signal } : {}),
    });
    await response.body?.cancel();
    return response.status === 401 ? parseChallenge(response.headers.get('www-authenticate') ?? '') : {};
  } catch {
    // Unreachable now: discovery will say so with a better message.
    return {};
  }
}
