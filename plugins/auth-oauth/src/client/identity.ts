import { registerClient } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { OAUTH_REGISTRATION_FAILED } from '../errors.js';
import type { OAuthSettings } from './settings.js';
import type { StoredDiscovery, TokenStore } from './token-store.js';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export type IdentitySource = 'config' | 'metadata-document' | 'registration';

export interface ClientIdentity {
  information: OAuthClientInformationMixed;
  source: IdentitySource;
  /** Registration cache key (`native` or `confidential`) when source is `registration`. */
  kind?: string;
}

/**
 * The client identity, in the order the MCP spec gives: a pre-registered
 * client from config; a Client ID Metadata Document URL when the server
 * advertises `client_id_metadata_document_supported`; else Dynamic Client
 * Registration (RFC 7591, through the SDK's `registerClient`), cached per
 * authorization server in the token store.
 */
export async function clientIdentity(
  settings: OAuthSettings,
  discovery: StoredDiscovery,
  confidential: boolean,
  store: TokenStore,
  fetchFn: typeof fetch,
): Promise<ClientIdentity> {
  if (settings.clientId) {
    return { information: { client_id: settings.clientId, ...(settings.clientSecret ? { client_secret: settings.clientSecret } : {}) }, source: 'config' };
  }
  const { metadata } = discovery;
  if (settings.clientMetadataUrl && metadata.client_id_metadata_document_supported === true) {
    return { information: { client_id: settings.clientMetadataUrl }, source: 'metadata-document' };
  }
  const kind = confidential ? 'confidential' : 'native';
  const cached = await store.readClient(metadata.issuer, kind);
  const expiresAt = (cached?.information as { client_secret_expires_at?: number } | undefined)?.client_secret_expires_at;
  if (cached && !(expiresAt && expiresAt * 1000 < Date.now() + 60_000)) return { information: cached.information, source: 'registration', kind };
  if (!metadata.registration_endpoint) throw OAUTH_REGISTRATION_FAILED(metadata.issuer, 'it offers no dynamic client registration and no client id is configured');
  let information: OAuthClientInformationMixed;
  try {
    information = await registerClient(discovery.authorizationServerUrl, { metadata, clientMetadata: clientMetadata(settings, discovery, confidential), fetchFn });
  } catch (error) {
    throw OAUTH_REGISTRATION_FAILED(metadata.issuer, (error as Error).message, { cause: error });
  }
  await store.writeClient({ version: 1, issuer: metadata.issuer, kind, information, registeredAt: Date.now() });
  return { information, source: 'registration', kind };
}

/** What mcpctl registers as: a native public client with a loopback redirect (any port, RFC 8252 §7.3), or a confidential machine client. */
function clientMetadata(settings: OAuthSettings, discovery: StoredDiscovery, confidential: boolean): OAuthClientMetadata {
  const supported = discovery.metadata.grant_types_supported;
  if (confidential) {
    const methods = discovery.metadata.token_endpoint_auth_methods_supported ?? [];
    const method = methods.length === 0 || methods.includes('client_secret_basic') ? 'client_secret_basic' : 'client_secret_post';
    return { client_name: 'mcpctl', redirect_uris: [], grant_types: ['client_credentials'], response_types: [], token_endpoint_auth_method: method };
  }
  const grants = ['authorization_code', 'refresh_token'];
  if (!supported || supported.includes(DEVICE_GRANT)) grants.push(DEVICE_GRANT);
  const port = settings.redirectPort ? `:${settings.redirectPort}` : '';
  const metadata: OAuthClientMetadata & { application_type: string } = {
    client_name: 'mcpctl',
    redirect_uris: [`http://127.0.0.1${port}/callback`],
    grant_types: grants.filter((g) => !supported || supported.includes(g) || g === 'refresh_token'),
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    // OpenID Connect registration (not in the SDK's type): native apps may use http loopback redirects.
    application_type: 'native',
  };
  return metadata;
}
