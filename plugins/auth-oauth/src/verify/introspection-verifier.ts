import { createHash } from 'node:crypto';
import type { AuthVerifier, VerifierRequest, VerifyRequest, VerifyResult } from '@mcpctl/kernel';
import { fetchAuthorizationServerMetadata } from '../client/discovery.js';
import { VERIFIER_UNAVAILABLE } from '../errors.js';
import { bearerToken } from './challenge.js';
import { Answers, audienceMatches, audiencesOf } from './checks.js';
import { ConfigReader } from './config.js';
import { resourceMetadataRoutes } from './resource-metadata.js';

interface Cached {
  claims: Record<string, unknown>;
  until: number;
}

const MAX_CACHE_ENTRIES = 10_000;
/** Inactive answers are cached briefly: a token that becomes active does not exist, but floods should not reach the AS. */
const INACTIVE_CACHE_MS = 10_000;

/**
 * The `oauth` verifier: opaque access tokens checked by RFC 7662
 * introspection at the authorization server (authenticated with
 * client_secret_basic), results cached by a hash of the token until its
 * `exp` (bounded by `cacheSeconds`); `iss`, `aud` and scopes checked as for
 * JWTs. Publishes Protected Resource Metadata.
 */
export function createIntrospectionVerifier(request: VerifierRequest, fetchFn: typeof fetch = fetch): AuthVerifier {
  const reader = new ConfigReader(request.config, 'oauth', ['issuer', 'introspectionEndpoint', 'clientId', 'clientSecret', 'audience', 'requiredScopes', 'resource', 'authorizationServers', 'scopesSupported', 'cacheSeconds']);
  const issuer = reader.url('issuer', true);
  const configuredEndpoint = reader.url('introspectionEndpoint');
  const clientId = reader.string('clientId', true);
  const clientSecret = reader.string('clientSecret', true);
  const audience = reader.strings('audience');
  const requiredScopes = reader.strings('requiredScopes') ?? [];
  const resource = reader.url('resource');
  const authorizationServers = reader.strings('authorizationServers') ?? [issuer];
  const scopesSupported = reader.strings('scopesSupported') ?? (requiredScopes.length ? requiredScopes : undefined);
  const cacheMs = reader.number('cacheSeconds', 300) * 1000;
  const answers = new Answers('oauth', resource, requiredScopes);
  const cache = new Map<string, Cached>();
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
  let endpoint: Promise<string> | undefined;

  const introspectionEndpoint = () => (endpoint ??= (async () => {
    if (configuredEndpoint) return configuredEndpoint;
    const metadata = await fetchAuthorizationServerMetadata(issuer, fetchFn);
    const found = (metadata as { introspection_endpoint?: string } | undefined)?.introspection_endpoint;
    if (!found) throw VERIFIER_UNAVAILABLE('oauth', `the authorization server ${issuer} advertises no introspection_endpoint; set "introspectionEndpoint"`);
    return found;
  })().catch((error) => {
    endpoint = undefined;
    throw error;
  }));

  async function introspect(token: string): Promise<Record<string, unknown>> {
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.claims;
    let response: Response;
    try {
      response = await fetchFn(await introspectionEndpoint(), {
        method: 'POST',
        headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      throw VERIFIER_UNAVAILABLE('oauth', `introspection request failed: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw VERIFIER_UNAVAILABLE('oauth', `the introspection endpoint answered HTTP ${response.status}`);
    }
    const claims = (await response.json()) as Record<string, unknown>;
    const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
    const until = claims.active === true ? Math.min(exp, Date.now() + cacheMs) : Date.now() + Math.min(INACTIVE_CACHE_MS, cacheMs);
    if (cache.size >= MAX_CACHE_ENTRIES) prune(cache);
    cache.set(key, { claims, until });
    return claims;
  }

  return {
    method: 'oauth',
    routes: resourceMetadataRoutes({ endpointPath: request.endpointPath, ...(resource ? { resource } : {}), authorizationServers, ...(scopesSupported ? { scopesSupported } : {}) }),
    async verify(req: VerifyRequest): Promise<VerifyResult> {
      const { token, malformed } = bearerToken(req.headers);
      if (!token) return malformed ? answers.invalid(req, malformed) : answers.missing(req, 'no bearer token');
      const claims = await introspect(token);
      if (claims.active !== true) return answers.invalid(req, 'the token is not active (expired, revoked or unknown)');
      if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) return answers.invalid(req, 'the token has expired');
      if (typeof claims.iss === 'string' && claims.iss.replace(/\/$/, '') !== issuer.replace(/\/$/, '')) return answers.invalid(req, 'the token was issued by another authorization server');
      if (!audienceMatches(audiencesOf(claims), audience ?? [answers.resourceOf(req)])) return answers.invalid(req, 'the token is not for this resource (aud)');
      const client = typeof claims.client_id === 'string' ? claims.client_id : undefined;
      return answers.principal(req, claims, { ...(client ? { clientId: client } : {}), ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp } : {}) });
    },
    async close() {
      cache.clear();
    },
  };
}

function prune(cache: Map<string, Cached>): void {
  const now = Date.now();
  for (const [key, entry] of cache) if (entry.until <= now) cache.delete(key);
  // Still full: drop the oldest half (Map keeps insertion order).
  if (cache.size >= MAX_CACHE_ENTRIES) for (const key of [...cache.keys()].slice(0, cache.size >> 1)) cache.delete(key);
}
