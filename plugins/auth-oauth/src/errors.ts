import { ExitCode, createError } from '@mcpctl/kernel';

/** Every coded error this plugin raises. Messages never carry token or secret values. */

export const OAUTH_CONFIG_INVALID = createError<[string, string]>('MCPCTL_OAUTH_CONFIG_INVALID', 'auth method oauth%s: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Fix the `auth:` block of the server entry (see `mcpctl config schema`); keep secrets out of the file with "${env:NAME}".',
});

export const OAUTH_DISCOVERY_FAILED = createError<[string, string]>('MCPCTL_OAUTH_DISCOVERY_FAILED', 'OAuth discovery for %s failed: %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'The server asked for OAuth but its Protected Resource Metadata or authorization server metadata could not be read; check the URL, or configure `clientId` and the server\'s issuer.',
});

export const OAUTH_RESOURCE_MISMATCH = createError<[string, string]>('MCPCTL_OAUTH_RESOURCE_MISMATCH', 'The Protected Resource Metadata names resource %s, which does not match the server URL %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Refused: a token for another resource must not be requested or sent here. Check the server URL; if the server is misconfigured, tell its operator.',
});

export const OAUTH_ISSUER_MISMATCH = createError<[string, string]>('MCPCTL_OAUTH_ISSUER_MISMATCH', 'Authorization server metadata fetched for %s names issuer %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Refused (RFC 8414 §3.3): the metadata must name the issuer it was fetched for. The authorization server is misconfigured or the response was tampered with.',
});

export const OAUTH_PKCE_UNSUPPORTED = createError<[string]>('MCPCTL_OAUTH_PKCE_UNSUPPORTED', 'Authorization server %s does not support PKCE with S256', {
  exitCode: ExitCode.CONNECT,
  hint: 'MCP requires PKCE S256 for the authorization code grant; use grant client_credentials or device_code if the server allows, or ask its operator to enable S256.',
});

export const OAUTH_GRANT_UNSUPPORTED = createError<[string, string, string]>('MCPCTL_OAUTH_GRANT_UNSUPPORTED', 'Authorization server %s does not offer the %s grant%s', {
  exitCode: ExitCode.USAGE,
  hint: 'Pick another `grant:` (authorization_code, device_code, client_credentials) that the server lists in grant_types_supported.',
});

export const OAUTH_REGISTRATION_FAILED = createError<[string, string]>('MCPCTL_OAUTH_REGISTRATION_FAILED', 'Could not register a client with %s: %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'The server has no (working) dynamic client registration: register mcpctl with it by hand and set `clientId` (and `clientSecret`) in the `auth:` block, or use --oauth-client-id.',
});

export const OAUTH_AUTHORIZATION_FAILED = createError<[string, string]>('MCPCTL_OAUTH_AUTHORIZATION_FAILED', 'Authorization with %s failed: %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Try again with `mcpctl auth login <server>`; if it keeps failing, check the client registration and the scopes asked for.',
});

export const OAUTH_STATE_MISMATCH = createError<[string]>('MCPCTL_OAUTH_STATE_MISMATCH', 'The authorization response was refused: %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'The redirect did not come from the authorization flow mcpctl started (possible CSRF or mix-up attack). Start again with `mcpctl auth login <server>`.',
});

export const OAUTH_TOKEN_FAILED = createError<[string, string]>('MCPCTL_OAUTH_TOKEN_FAILED', 'The token endpoint of %s refused the request: %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Check the client credentials (`clientId`, `clientSecret`, `privateKey`) and `clientAuth`; `mcpctl auth logout <server>` drops a stale registration.',
});

export const OAUTH_LOGIN_REQUIRED = createError<[string, string]>('MCPCTL_OAUTH_LOGIN_REQUIRED', '%s needs an OAuth login: %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Run `mcpctl auth login <server>` once on a machine with a browser (or use grant device_code); later calls, the daemon included, reuse and refresh the stored tokens.',
});

export const OAUTH_TOKEN_REJECTED = createError<[string]>('MCPCTL_OAUTH_TOKEN_REJECTED', '%s rejected a freshly issued access token', {
  exitCode: ExitCode.CONNECT,
  hint: 'The authorization server issued a token the resource server does not accept (audience/resource or scope). Run `mcpctl auth logout <server>` and log in again; if it persists, the server is misconfigured.',
});

export const OAUTH_STEP_UP_LIMIT = createError<[string, number, string]>('MCPCTL_OAUTH_STEP_UP_LIMIT', '%s still answers insufficient_scope after %d re-authorizations (last asked for: %s)', {
  exitCode: ExitCode.CONNECT,
  hint: 'The account or client cannot obtain the scope the server demands; ask the server operator to grant it, or set `scopes:` explicitly.',
});

export const OAUTH_NO_TOKENS = createError<[string]>('MCPCTL_OAUTH_NO_TOKENS', 'No stored OAuth tokens for %s', {
  exitCode: ExitCode.FAILURE,
  hint: 'Log in first with `mcpctl auth login <server>`; `mcpctl auth status` lists what is stored.',
});

export const OAUTH_STORE_FAILED = createError<[string, string]>('MCPCTL_OAUTH_STORE_FAILED', 'The OAuth token store %s could not be used: %s', {
  exitCode: ExitCode.FAILURE,
  hint: 'Check the permissions of $XDG_STATE_HOME/mcpctl/oauth (it must be writable by you and is kept at mode 0700/0600).',
});

export const OAUTH_INTERRUPTED = createError<[string]>('MCPCTL_OAUTH_INTERRUPTED', 'The OAuth login for %s was interrupted', {
  exitCode: ExitCode.INTERRUPTED,
  hint: 'Run `mcpctl auth login <server>` again when ready.',
});

export const OAUTH_LOGIN_TIMEOUT = createError<[string, number]>('MCPCTL_OAUTH_LOGIN_TIMEOUT', 'The OAuth login for %s did not complete within %ds', {
  exitCode: ExitCode.TIMEOUT,
  hint: 'Open the printed URL and finish logging in sooner, or raise `loginTimeoutSeconds`.',
});

export const OAUTH_TARGET_UNKNOWN = createError<[string]>('MCPCTL_OAUTH_TARGET_UNKNOWN', '%s is not a configured server using auth method oauth, nor an http(s) URL', {
  exitCode: ExitCode.USAGE,
  hint: 'Name a server whose entry has `auth: { method: oauth }`, or give its URL (then --oauth-client-id etc. apply).',
});

/* Verifiers (exposed endpoints). `details.status` is the HTTP status; `details.wwwAuthenticate` the challenge to send. */

export const VERIFIER_CONFIG_INVALID = createError<[string, string]>('MCPCTL_VERIFIER_CONFIG_INVALID', 'verifier %s: %s', {
  exitCode: ExitCode.USAGE,
  hint: 'Fix the serving `auth:` block (see plugins/auth-oauth/README.md).',
});

export const TOKEN_MISSING = createError<[string]>('MCPCTL_AUTH_TOKEN_MISSING', 'No bearer token: %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Send `Authorization: Bearer <access token>` obtained from the authorization server named in the Protected Resource Metadata.',
});

export const TOKEN_INVALID = createError<[string]>('MCPCTL_AUTH_TOKEN_INVALID', 'The access token is not valid: %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Obtain a new access token for this resource from its authorization server.',
});

export const TOKEN_INSUFFICIENT_SCOPE = createError<[string]>('MCPCTL_AUTH_INSUFFICIENT_SCOPE', 'The access token lacks scope: %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'Request a token with the named scopes (the client re-authorizes for them).',
});

export const VERIFIER_UNAVAILABLE = createError<[string, string]>('MCPCTL_AUTH_VERIFIER_UNAVAILABLE', 'Tokens cannot be checked right now (%s): %s', {
  exitCode: ExitCode.CONNECT,
  hint: 'The JWKS or introspection endpoint could not be reached; the request was refused rather than let through.',
});
