import type { AuthPrincipal, VerifyRequest, VerifyResult } from '@mcpctl/kernel';
import { bearerChallenge } from './challenge.js';
import { metadataUrl } from './resource-metadata.js';

/** The scopes a token grants: `scope` (space-separated, RFC 8693/9068) or `scp` (list or string). */
export function scopesOf(claims: Record<string, unknown>): string[] {
  const raw = claims.scope ?? claims.scp;
  if (typeof raw === 'string') return raw.split(/\s+/).filter(Boolean);
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return [];
}

export function audiencesOf(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}

/** Audience comparison tolerating one trailing slash (a resource URL with and without it). */
export function audienceMatches(held: string[], expected: string[]): boolean {
  const norm = (a: string) => a.replace(/\/$/, '');
  return held.some((h) => expected.some((e) => norm(h) === norm(e)));
}

/** Shared tail of both verifiers: the 401/403 answers and the principal. */
export class Answers {
  constructor(private readonly method: string, private readonly resource: string | undefined, private readonly requiredScopes: string[]) {}

  resourceOf(request: VerifyRequest): string {
    return this.resource ?? request.resource;
  }

  missing(request: VerifyRequest, why: string): VerifyResult {
    const scope = this.requiredScopes.join(' ');
    return { ok: false, status: 401, message: why, challenge: bearerChallenge({ resourceMetadata: metadataUrl(this.resourceOf(request)), ...(scope ? { scope } : {}) }) };
  }

  invalid(request: VerifyRequest, why: string): VerifyResult {
    return { ok: false, status: 401, message: `invalid token: ${why}`, challenge: bearerChallenge({ resourceMetadata: metadataUrl(this.resourceOf(request)), error: 'invalid_token', description: why }) };
  }

  /** 403 insufficient_scope naming what is missing (RFC 6750 §3.1), or the principal. */
  principal(request: VerifyRequest, claims: Record<string, unknown>, extra: { clientId?: string; expiresAt?: number }): VerifyResult {
    const scopes = scopesOf(claims);
    const missing = this.requiredScopes.filter((s) => !scopes.includes(s));
    if (missing.length > 0) {
      return {
        ok: false, status: 403, message: `insufficient scope: missing ${missing.join(' ')}`,
        challenge: bearerChallenge({ resourceMetadata: metadataUrl(this.resourceOf(request)), error: 'insufficient_scope', scope: [...new Set([...scopes, ...this.requiredScopes])].join(' '), description: `missing scope ${missing.join(' ')}` }),
      };
    }
    const principal: AuthPrincipal = {
      subject: typeof claims.sub === 'string' ? claims.sub : extra.clientId ?? 'unknown',
      scopes,
      method: this.method,
      claims: publicClaims(claims),
      ...(extra.clientId ? { clientId: extra.clientId } : {}),
      ...(extra.expiresAt ? { expiresAt: extra.expiresAt } : {}),
    };
    return { ok: true, principal };
  }
}

/** Claims handed on: everything but values that could be credentials. */
function publicClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const { token: _t, access_token: _a, refresh_token: _r, ...rest } = claims as Record<string, unknown>;
  return rest;
}
