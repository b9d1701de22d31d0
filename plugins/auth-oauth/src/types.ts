/**
 * Public types of @mcpctl/plugin-auth-oauth: the `auth:` blocks it reads.
 * What its verifiers hand on is the kernel's `AuthPrincipal` (subject,
 * scopes, clientId, method "jwt" or "oauth", expiresAt, claims).
 */

/** Grants the `oauth` client method can use. */
export type OAuthGrant = 'authorization_code' | 'client_credentials' | 'device_code';

/** How the client authenticates at the token endpoint. */
export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none';

/** `auth: { method: oauth, … }` on a server entry (secrets via `${env:…}`). */
export interface OAuthClientConfig {
  method: 'oauth';
  /** A pre-registered client id; without it mcpctl uses a Client ID Metadata Document or dynamic registration. */
  clientId?: string;
  clientSecret?: string;
  /** Token endpoint auth method; chosen from what the server supports when omitted. */
  clientAuth?: TokenEndpointAuthMethod;
  /** PEM (PKCS#8) or JWK (JSON) private key for `private_key_jwt`. */
  privateKey?: string;
  /** JWS algorithm for `private_key_jwt` (default: RS256 for RSA keys, ES256 for EC keys). */
  privateKeyAlg?: string;
  /** Default: authorization_code (device_code on a machine without a browser, when offered). */
  grant?: OAuthGrant;
  /** Scopes to ask for (a list or a space-separated string). */
  scopes?: string[] | string;
  /** An https URL of a Client ID Metadata Document describing mcpctl, used when the server supports them. */
  clientMetadataUrl?: string;
  /** Fixed loopback port for the redirect (default: a random free port). */
  redirectPort?: number;
  /** Only talk to this authorization server (its issuer URL). */
  issuer?: string;
  /** Seconds to wait for an interactive login (default 300). */
  loginTimeoutSeconds?: number;
  /** Enterprise-managed authorization (ID-JAG): exchange an ID token from the IdP. */
  enterprise?: EnterpriseConfig;
}

/** The Identity Assertion Authorization Grant (cross-app access). */
export interface EnterpriseConfig {
  /** The enterprise IdP's issuer (its metadata is discovered) … */
  idpIssuer: string;
  /** … the client registered at the IdP … */
  idpClientId: string;
  idpClientSecret?: string;
  /** … and an ID token for the user (e.g. `${env:ID_TOKEN}`); without one, mcpctl logs in at the IdP (OpenID Connect). */
  idToken?: string;
}

/** `serve: { auth: { method: jwt, … } }` on a served endpoint. */
export interface JwtVerifierConfig {
  method: 'jwt';
  issuer: string;
  /** Expected `aud`; default the resource URL. */
  audience?: string | string[];
  jwksUri?: string;
  jwks?: { keys: Record<string, unknown>[] };
  /** Allowed JWS algorithms (default RS256, ES256, PS256, EdDSA). `none` and HS* with a JWKS are refused. */
  algorithms?: string[];
  clockSkewSeconds?: number;
  requiredScopes?: string[];
  /** The resource URL this endpoint is (default: derived from the request). */
  resource?: string;
  /** Authorization servers named in the Protected Resource Metadata (default: [issuer]). */
  authorizationServers?: string[];
  scopesSupported?: string[];
  /** Minimum seconds between two JWKS fetches (default 30). */
  jwksCooldownSeconds?: number;
}

/** `serve: { auth: { method: oauth, … } }` on a served endpoint: opaque tokens through RFC 7662 introspection. */
export interface IntrospectionVerifierConfig {
  method: 'oauth';
  issuer: string;
  introspectionEndpoint?: string;
  clientId: string;
  clientSecret: string;
  audience?: string | string[];
  requiredScopes?: string[];
  resource?: string;
  authorizationServers?: string[];
  scopesSupported?: string[];
  /** Upper bound on caching an introspection result, in seconds (default 300; never past `exp`). */
  cacheSeconds?: number;
}
