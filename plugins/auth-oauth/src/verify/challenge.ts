/** Builds `WWW-Authenticate: Bearer …` challenges (RFC 6750 §3, RFC 9728 §5.1). */
export function bearerChallenge(params: { resourceMetadata: string; scope?: string; error?: 'invalid_token' | 'insufficient_scope' | 'invalid_request'; description?: string }): string {
  const parts = [`resource_metadata="${quote(params.resourceMetadata)}"`];
  if (params.scope) parts.push(`scope="${quote(params.scope)}"`);
  if (params.error) parts.push(`error="${params.error}"`);
  if (params.description) parts.push(`error_description="${quote(params.description)}"`);
  return `Bearer ${parts.join(', ')}`;
}

/** The bearer token of a request: `Authorization: Bearer <token>` (RFC 6750 §2.1; query and body tokens are not accepted). */
export function bearerToken(headers: Readonly<Record<string, string | string[] | undefined>>): { token?: string; malformed?: string } {
  const raw = headers.authorization;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return {};
  const match = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(value);
  if (!match) return { malformed: /^bearer\b/i.test(value) ? 'the bearer token is malformed' : 'the Authorization header is not a Bearer token' };
  return { token: match[1]! };
}

// Quoted-string content: no quotes, backslashes or line breaks.
function quote(text: string): string {
  return text.replace(/[\\"\r\n]/g, ' ');
}
