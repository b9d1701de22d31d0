import { discoverAuthorizationServerMetadata, discoverOAuthProtectedResourceMetadata } from '@modelcontextprotocol/sdk/client/auth.js';
import type { AuthorizationServerMetadata, OAuthProtectedResourceMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { checkResourceAllowed, resourceUrlFromServerUrl } from '@modelcontextprotocol/sdk/shared/auth-utils.js';
import { OAUTH_DISCOVERY_FAILED, OAUTH_ISSUER_MISMATCH, OAUTH_RESOURCE_MISMATCH } from '../errors.js';
import type { StoredDiscovery } from './token-store.js';

type Fetch = typeof fetch;

export interface DiscoverOptions {
  /** `resource_metadata` from the WWW-Authenticate challenge, when it had one. */
  resourceMetadataUrl?: string;
  /** Only accept this authorization server (config `issuer`). */
  expectedIssuer?: string;
  fetch?: Fetch;
}

/**
 * MCP authorization discovery. The SDK does the fetching in the documented
 * order: Protected Resource Metadata (RFC 9728) from the challenge's URL,
 * else `/.well-known/oauth-protected-resource/<path>` then the root one;
 * authorization server metadata by RFC 8414 (path-aware) then OpenID Connect
 * discovery. This adds what its `auth()` leaves out: the PRM `resource`
 * must match the server URL, the metadata's `issuer` must be the URL it was
 * fetched for, and a server without PRM (MCP 2025-03-26) has its origin as
 * authorization server, with `/authorize`, `/token`, `/register` as endpoints
 * when that origin publishes no metadata either.
 */
export async function discover(serverUrl: string, options: DiscoverOptions = {}): Promise<StoredDiscovery> {
  const fetchFn = options.fetch ?? fetch;
  let resourceMetadata: OAuthProtectedResourceMetadata | undefined;
  try {
    resourceMetadata = await discoverOAuthProtectedResourceMetadata(serverUrl, options.resourceMetadataUrl ? { resourceMetadataUrl: options.resourceMetadataUrl } : {}, fetchFn);
  } catch (error) {
    // A challenge that named a metadata URL which then fails is an error; no PRM at all is the 2025-03-26 revision.
    if (options.resourceMetadataUrl) throw OAUTH_DISCOVERY_FAILED(serverUrl, `the resource metadata at ${options.resourceMetadataUrl} could not be read (${messageOf(error)})`, { cause: error });
    if (!/does not implement OAuth 2\.0 Protected Resource Metadata/.test(messageOf(error))) {
      throw OAUTH_DISCOVERY_FAILED(serverUrl, `Protected Resource Metadata: ${messageOf(error)}`, { cause: error });
    }
  }

  if (resourceMetadata) {
    const requested = resourceUrlFromServerUrl(serverUrl);
    if (!checkResourceAllowed({ requestedResource: requested, configuredResource: resourceMetadata.resource })) {
      throw OAUTH_RESOURCE_MISMATCH(resourceMetadata.resource, requested.href);
    }
    const servers = resourceMetadata.authorization_servers ?? [];
    if (servers.length === 0) throw OAUTH_DISCOVERY_FAILED(serverUrl, 'its Protected Resource Metadata names no authorization_servers');
    const chosen = options.expectedIssuer ? servers.find((s) => sameIssuer(s, options.expectedIssuer!)) : servers[0];
    if (!chosen) throw OAUTH_DISCOVERY_FAILED(serverUrl, `the configured issuer ${options.expectedIssuer} is not among its authorization servers (${servers.join(', ')})`);
    const metadata = await authorizationServerMetadata(serverUrl, chosen, fetchFn);
    if (!metadata) throw OAUTH_DISCOVERY_FAILED(serverUrl, `authorization server ${chosen} publishes neither OAuth (RFC 8414) nor OpenID Connect metadata`);
    return {
      resource: resourceMetadata.resource,
      resourceMetadata,
      ...(options.resourceMetadataUrl ? { resourceMetadataUrl: options.resourceMetadataUrl } : {}),
      authorizationServerUrl: chosen,
      metadata,
      legacy: false,
    };
  }

  // MCP 2025-03-26: the MCP server's origin is the authorization server.
  const origin = new URL(serverUrl).origin;
  if (options.expectedIssuer && !sameIssuer(options.expectedIssuer, origin)) {
    throw OAUTH_DISCOVERY_FAILED(serverUrl, `it has no Protected Resource Metadata, so its authorization server is its origin ${origin}, not the configured issuer ${options.expectedIssuer}`);
  }
  const metadata = (await authorizationServerMetadata(serverUrl, origin, fetchFn)) ?? defaultEndpoints(origin);
  // The resource indicator is sent anyway: the current revision requires it whatever the server's, and the 401 comes before initialize tells which.
  return { resource: resourceUrlFromServerUrl(serverUrl).href, authorizationServerUrl: origin, metadata, legacy: true };
}

/**
 * RFC 8414 then OpenID Connect discovery, in the SDK's order and with its
 * validation. Its OpenID schema drops fields it does not know
 * (device_authorization_endpoint, introspection_endpoint,
 * revocation_endpoint), so the document as fetched is laid under the
 * parsed one.
 */
export async function fetchAuthorizationServerMetadata(issuer: string, fetchFn: Fetch = fetch): Promise<AuthorizationServerMetadata | undefined> {
  let raw: Record<string, unknown> | undefined;
  const capturing: Fetch = async (input, init) => {
    const response = await fetchFn(input, init);
    if (response.ok) raw = (await response.clone().json().catch(() => undefined)) as Record<string, unknown> | undefined;
    return response;
  };
  const parsed = await discoverAuthorizationServerMetadata(issuer, { fetchFn: capturing });
  return parsed && raw ? ({ ...raw, ...parsed } as AuthorizationServerMetadata) : parsed;
}

async function authorizationServerMetadata(serverUrl: string, issuer: string, fetchFn: Fetch): Promise<AuthorizationServerMetadata | undefined> {
  let metadata: AuthorizationServerMetadata | undefined;
  try {
    metadata = await fetchAuthorizationServerMetadata(issuer, fetchFn);
  } catch (error) {
    throw OAUTH_DISCOVERY_FAILED(serverUrl, `authorization server metadata of ${issuer}: ${messageOf(error)}`, { cause: error });
  }
  if (metadata && !sameIssuer(metadata.issuer, issuer)) throw OAUTH_ISSUER_MISMATCH(issuer, metadata.issuer);
  return metadata;
}

/** The 2025-03-26 fallback endpoints, for an origin with no metadata. */
function defaultEndpoints(origin: string): AuthorizationServerMetadata {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/authorize`,
    token_endpoint: `${origin}/token`,
    registration_endpoint: `${origin}/register`,
    response_types_supported: ['code'],
    // That revision made PKCE mandatory for clients, and there is no metadata to say otherwise.
    code_challenge_methods_supported: ['S256'],
  };
}

/** Issuer identifiers compare as URLs, tolerating one trailing slash (RFC 8414 metadata often differs only in that). */
export function sameIssuer(a: string, b: string): boolean {
  const norm = (value: string) => {
    try {
      return new URL(value).href.replace(/\/$/, '');
    } catch {
      return value.replace(/\/$/, '');
    }
  };
  return norm(a) === norm(b);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
