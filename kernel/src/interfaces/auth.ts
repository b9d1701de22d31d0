import type { AuthConfig } from './config.js';
import type { Logger } from './logger.js';

/**
 * Two kinds of auth, provided separately (manifest `provides.clientAuth` and
 * `provides.verifiers`, config `$defs` `clientAuth:<name>` and `verifier:<name>`):
 * client auth gives a transport credentials for a remote server; a verifier
 * checks the credentials of requests reaching an endpoint mcpctl exposes.
 */

/** What `auth.client.for(method)` taps are asked for. */
export interface AuthRequest {
  /** The entry's `auth:` block. */
  config: AuthConfig;
  /** The server this is for, if any. */
  serverName?: string;
}

export interface AuthContext {
  logger: Logger;
}

/** What a client auth method gives a client transport. */
export interface ClientAuth {
  /** The method's name, for messages ("bearer", "oauth"…). */
  method: string;
  /**
   * Extra HTTP headers to send (computed per request; `request.url` is the
   * URL being fetched). Values are secrets: never log them.
   */
  headers?(request?: { url: string }): Promise<Record<string, string>> | Record<string, string>;
  /**
   * Told when a request is refused with 401, or 403 with a `WWW-Authenticate`
   * challenge (e.g. `insufficient_scope`). Resolve true after obtaining new
   * credentials: the transport sends the request once more with fresh
   * `headers()`. Resolve false to let the refusal stand; throw a coded error
   * to fail with a better message.
   */
  challenge?(challenge: AuthChallenge): Promise<boolean>;
  /** An OAuth client provider (the SDK's OAuthClientProvider) for transports that support it. */
  oauthProvider?: unknown;
}

/** A refusal an HTTP transport reports to {@link ClientAuth.challenge}. */
export interface AuthChallenge {
  status: 401 | 403;
  /** The response's `WWW-Authenticate` header ('' when absent). */
  wwwAuthenticate: string;
  /** The URL of the refused request. */
  url: string;
  signal?: AbortSignal;
}

/** What `auth.verifier.for(method)` taps are asked to build, once per served endpoint. */
export interface VerifierRequest {
  /** The verifier's `auth:` block (for `mcpctl serve`: the entry's `serve.auth`). */
  config: AuthConfig;
  /** The served server's name, if any. */
  serverName?: string;
  /** Path of the MCP endpoint the verifier guards, e.g. "/mcp" (for path-suffixed metadata such as RFC 9728's). */
  endpointPath: string;
}

/** One HTTP request reaching a guarded endpoint, as a verifier sees it. */
export interface VerifyRequest {
  /** HTTP method, upper case. */
  method: string;
  /** Absolute URL as the client addressed it (scheme and Host header of the request). */
  url: string;
  /**
   * The protected resource's URL: the request's origin plus the endpoint
   * path (what RFC 9728 calls `resource`). A verifier that is deployed
   * behind a proxy may take its own from config instead.
   */
  resource: string;
  /** Request headers, lower-case names. Credentials: never log them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** Who made a request, as established by a verifier; handed to whatever runs the call. */
export interface AuthPrincipal {
  /** The user, key or token subject ("alice", the key's id, a JWT `sub`). */
  subject: string;
  /** Scopes granted (empty when the method has none). */
  scopes: string[];
  /** The OAuth client the token was issued to, when known. */
  clientId?: string;
  /** The verifier method that established it. */
  method: string;
  /** When the credential expires, in seconds since the epoch, when known. */
  expiresAt?: number;
  /**
   * The presented bearer token, for verifiers whose servers must pass it on
   * (token exchange); omit it otherwise. A secret: never log it.
   */
  token?: string;
  /** Further verified claims; never secrets. */
  claims?: Record<string, unknown>;
}

/**
 * A verifier's answer for one request. A rejection says the status (401 for
 * missing or bad credentials, 403 for valid ones lacking a scope) and the
 * `WWW-Authenticate` challenge to send, e.g. `Basic realm="mcpctl"` or
 * `Bearer error="insufficient_scope", scope="files:read", resource_metadata="https://…"`.
 */
export type VerifyResult =
  | { ok: true; principal: AuthPrincipal }
  | { ok: false; status: 401 | 403; challenge: string; message: string };

/** An HTTP answer a verifier route gives. */
export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string (then as given; set Content-Type in headers). */
  body?: unknown;
}

/**
 * A path the endpoint serves without credentials on the verifier's behalf,
 * e.g. Protected Resource Metadata at `/.well-known/oauth-protected-resource/mcp`.
 */
export interface VerifierRoute {
  /** Absolute path, matched exactly (no query). */
  path: string;
  handle(request: VerifyRequest): HttpAnswer | Promise<HttpAnswer>;
}

/** Verifies credentials on an endpoint mcpctl exposes (`serve --transport http`, the gateway). */
export interface AuthVerifier {
  method: string;
  /** Paths answered before any credential check (metadata documents). */
  routes?: readonly VerifierRoute[];
  /** Check one request; throw only for unexpected failures (they answer 500). */
  verify(request: VerifyRequest): VerifyResult | Promise<VerifyResult>;
  /** Release resources (key caches, timers) when the endpoint stops. */
  close?(): Promise<void>;
}
