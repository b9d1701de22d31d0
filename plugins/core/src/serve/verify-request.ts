import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthPrincipal, AuthVerifier, HttpAnswer, Logger, VerifyRequest } from '@mcpctl/kernel';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';

/** What the endpoint does with a request after the verifier looked at it. */
export type VerifierDecision =
  | { action: 'answered' }
  | { action: 'continue'; principal?: AuthPrincipal };

/**
 * Runs an endpoint's verifier for one request: a verifier route (metadata
 * documents) is answered without credentials; a request to the MCP
 * endpoint is verified, and refused with the verifier's status and
 * `WWW-Authenticate` challenge, or passed on with its principal attached as
 * the SDK's `req.auth` (tools see it as `extra.authInfo`).
 */
export async function applyVerifier(verifier: AuthVerifier | undefined, req: IncomingMessage, res: ServerResponse, endpointPath: string, logger: Logger): Promise<VerifierDecision> {
  if (!verifier) return { action: 'continue' };
  const request = verifyRequestOf(req, endpointPath);
  const pathname = new URL(request.url).pathname;
  const route = verifier.routes?.find((candidate) => candidate.path === pathname);
  if (route) {
    send(res, await route.handle(request));
    return { action: 'answered' };
  }
  if (pathname !== endpointPath) return { action: 'continue' };
  const result = await verifier.verify(request);
  if (!result.ok) {
    logger.info({ method: verifier.method, status: result.status }, `refused request: ${result.message}`);
    res.setHeader('WWW-Authenticate', result.challenge);
    send(res, { status: result.status, body: { jsonrpc: '2.0', error: { code: -32001, message: result.message }, id: null } });
    return { action: 'answered' };
  }
  (req as IncomingMessage & { auth?: AuthInfo }).auth = authInfoOf(result.principal, request.resource);
  return { action: 'continue', principal: result.principal };
}

/** The request as a verifier sees it; the scheme is http (TLS ends at a proxy in front, if any). */
export function verifyRequestOf(req: IncomingMessage, endpointPath: string): VerifyRequest {
  const origin = `http://${req.headers.host ?? 'localhost'}`;
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    url: new URL(req.url ?? '/', origin).toString(),
    resource: new URL(endpointPath, origin).toString(),
    headers: req.headers,
  };
}

/** The SDK's AuthInfo for a principal (its `token` is empty unless the verifier chose to pass the credential on). */
export function authInfoOf(principal: AuthPrincipal, resource: string): AuthInfo {
  return {
    token: principal.token ?? '',
    clientId: principal.clientId ?? principal.subject,
    scopes: principal.scopes,
    ...(principal.expiresAt !== undefined ? { expiresAt: principal.expiresAt } : {}),
    resource: new URL(resource),
    extra: { subject: principal.subject, method: principal.method, ...(principal.claims ? { claims: principal.claims } : {}) },
  };
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  const text = typeof answer.body === 'string';
  const headers = { ...(answer.body !== undefined && !text ? { 'Content-Type': 'application/json' } : {}), ...answer.headers };
  res.writeHead(answer.status, headers);
  res.end(answer.body === undefined ? undefined : text ? (answer.body as string) : JSON.stringify(answer.body));
}
