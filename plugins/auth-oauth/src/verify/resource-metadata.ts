import type { HttpAnswer, VerifierRoute, VerifyRequest } from '@mcpctl/kernel';

export interface ResourceMetadataOptions {
  /** Path of the guarded MCP endpoint ("/mcp"). */
  endpointPath: string;
  /** Configured resource URL (behind a proxy); else the request's. */
  resource?: string;
  authorizationServers: string[];
  scopesSupported?: string[];
}

const WELL_KNOWN = '/.well-known/oauth-protected-resource';

/** Where the metadata lives for an endpoint path (RFC 9728 §3.1: inserted before the path). */
export function metadataPath(endpointPath: string): string {
  const path = endpointPath === '/' ? '' : endpointPath.replace(/\/$/, '');
  return `${WELL_KNOWN}${path}`;
}

/** The absolute metadata URL the 401 challenge names. */
export function metadataUrl(resource: string): string {
  const url = new URL(resource);
  return `${url.origin}${metadataPath(url.pathname)}`;
}

/**
 * Protected Resource Metadata routes: the path-suffixed document, and the
 * root one too (clients of the 2025-06-18 revision try the root when the
 * path-suffixed one is missing; serving both costs nothing).
 */
export function resourceMetadataRoutes(options: ResourceMetadataOptions): VerifierRoute[] {
  const handle = (request: VerifyRequest): HttpAnswer => ({
    status: 200,
    headers: { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
    body: {
      resource: options.resource ?? request.resource,
      authorization_servers: options.authorizationServers,
      ...(options.scopesSupported?.length ? { scopes_supported: options.scopesSupported } : {}),
      bearer_methods_supported: ['header'],
    },
  });
  const paths = [...new Set([metadataPath(options.endpointPath), WELL_KNOWN])];
  return paths.map((path) => ({ path, handle }));
}
