import type { AuthVerifier, VerifierRequest, VerifyRequest, VerifyResult } from '@mcpctl/kernel';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { VERIFIER_UNAVAILABLE } from '../errors.js';
import { bearerToken } from './challenge.js';
import { Answers, audienceMatches, audiencesOf } from './checks.js';
import { ConfigReader } from './config.js';
import { resourceMetadataRoutes } from './resource-metadata.js';

/** Asymmetric algorithms only: with a JWKS of public keys, HS* would let a public key act as an HMAC secret. */
const DEFAULT_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];
const ALLOWED = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$|^ES256K$/;

/**
 * The `jwt` verifier: signature against the issuer's JWKS (fetched and cached
 * by jose, refetched on an unknown `kid` after a cooldown) or an inline JWKS;
 * `iss`, `aud` (the resource URL unless configured), `exp`/`nbf` with clock
 * skew; required scopes. Publishes Protected Resource Metadata.
 */
export function createJwtVerifier(request: VerifierRequest): AuthVerifier {
  const reader = new ConfigReader(request.config, 'jwt', ['issuer', 'audience', 'jwksUri', 'jwks', 'algorithms', 'clockSkewSeconds', 'requiredScopes', 'resource', 'authorizationServers', 'scopesSupported', 'jwksCooldownSeconds']);
  const issuer = reader.url('issuer', true);
  const audience = reader.strings('audience');
  const jwksUri = reader.url('jwksUri');
  const inline = reader.raw('jwks');
  const algorithms = reader.strings('algorithms') ?? DEFAULT_ALGORITHMS;
  for (const alg of algorithms) if (!ALLOWED.test(alg)) throw reader.fail(`algorithm ${alg} is not allowed (${alg === 'none' ? 'unsigned tokens are never accepted' : 'only asymmetric algorithms: RS*, PS*, ES*, EdDSA'})`);
  const clockTolerance = reader.number('clockSkewSeconds', 60);
  const requiredScopes = reader.strings('requiredScopes') ?? [];
  const resource = reader.url('resource');
  const authorizationServers = reader.strings('authorizationServers') ?? [issuer];
  const scopesSupported = reader.strings('scopesSupported') ?? (requiredScopes.length ? requiredScopes : undefined);
  const cooldown = reader.number('jwksCooldownSeconds', 30) * 1000;
  if (!jwksUri === !inline) throw reader.fail('give exactly one of "jwksUri" and "jwks"');
  let keys: JWTVerifyGetKey;
  if (inline) {
    if (typeof inline !== 'object' || inline === null || !Array.isArray((inline as { keys?: unknown }).keys)) throw reader.fail('"jwks" must be a JWK Set { keys: [...] }');
    keys = createLocalJWKSet(inline as Parameters<typeof createLocalJWKSet>[0]);
  } else {
    keys = createRemoteJWKSet(new URL(jwksUri!), { cooldownDuration: cooldown, cacheMaxAge: 10 * 60_000, timeoutDuration: 5000 });
  }
  const answers = new Answers('jwt', resource, requiredScopes);

  return {
    method: 'jwt',
    routes: resourceMetadataRoutes({ endpointPath: request.endpointPath, ...(resource ? { resource } : {}), authorizationServers, ...(scopesSupported ? { scopesSupported } : {}) }),
    async verify(req: VerifyRequest): Promise<VerifyResult> {
      const { token, malformed } = bearerToken(req.headers);
      if (!token) return malformed ? answers.invalid(req, malformed) : answers.missing(req, 'no bearer token');
      const expected = audience ?? [answers.resourceOf(req)];
      try {
        const { payload } = await jwtVerify(token, keys, { issuer, algorithms, clockTolerance });
        // Audience compared here so that a resource URL with or without its trailing slash matches.
        if (!audienceMatches(audiencesOf(payload), expected)) return answers.invalid(req, 'the token is not for this resource (aud)');
        const clientId = typeof payload.client_id === 'string' ? payload.client_id : typeof payload.azp === 'string' ? payload.azp : undefined;
        return answers.principal(req, payload as Record<string, unknown>, { ...(clientId ? { clientId } : {}), ...(payload.exp ? { expiresAt: payload.exp } : {}) });
      } catch (error) {
        const why = rejection(error);
        if (why) return answers.invalid(req, why);
        throw VERIFIER_UNAVAILABLE('jwt', error instanceof Error ? error.message : String(error), { cause: error });
      }
    },
  };
}

/** Why jose refused a token, in words safe to send back; undefined for failures that are not the token's fault (JWKS unreachable). */
function rejection(error: unknown): string | undefined {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim ${error.claim} is not acceptable (${error.reason})`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm this endpoint does not accept';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no key of the issuer matches the token (unknown kid)';
  if (error instanceof joseErrors.JWKSMultipleMatchingKeys) return 'the token names no kid and the issuer has several keys';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof joseErrors.JWTInvalid || error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JOSENotSupported) return 'the token is not a valid signed JWT';
  return undefined;
}
