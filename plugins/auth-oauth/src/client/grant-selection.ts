import { OAUTH_GRANT_UNSUPPORTED } from '../errors.js';
import type { OAuthGrant } from '../types.js';
import { canOpenBrowser } from './browser.js';
import { DEVICE_GRANT } from './identity.js';
import { scopeString, type OAuthSettings } from './settings.js';
import type { StoredDiscovery } from './token-store.js';

/** A grant the client runs: one of the configurable ones, or the enterprise (ID-JAG) exchange. */
export type Grant = OAuthGrant | 'enterprise';

/**
 * Which grant to run: enterprise when configured; else the configured grant
 * (refused when the server lists grants and not this one); else the device
 * grant on a machine that cannot open a browser, when the server offers it;
 * else the authorization code grant.
 */
export function chooseGrant(settings: OAuthSettings, discovery: StoredDiscovery, env?: NodeJS.ProcessEnv): Grant {
  if (settings.enterprise) return 'enterprise';
  if (settings.grant) {
    const supported = discovery.metadata.grant_types_supported;
    const wire = settings.grant === 'device_code' ? DEVICE_GRANT : settings.grant;
    if (supported && !supported.includes(wire)) throw OAUTH_GRANT_UNSUPPORTED(discovery.metadata.issuer, settings.grant, ` (it offers ${supported.join(', ')})`);
    return settings.grant;
  }
  const device = Boolean((discovery.metadata as { device_authorization_endpoint?: string }).device_authorization_endpoint);
  if (device && !canOpenBrowser(env)) return 'device_code';
  return 'authorization_code';
}

/** Grants where a person logs in (and which therefore need a terminal, and get refresh tokens). */
export function isPersonGrant(grant: Grant): boolean {
  return grant === 'authorization_code' || grant === 'device_code';
}

/**
 * Scopes, the MCP spec's selection: the configured ones plus the
 * challenge's; else the challenge's; else the PRM's scopes_supported; else
 * none (`scope` omitted). offline_access is added for person grants when
 * the authorization server lists it.
 */
export function selectScopes(grant: Grant, discovery: StoredDiscovery, configured: string[], challenged?: string): string | undefined {
  let scopes = [...configured, ...(challenged?.split(/\s+/).filter(Boolean) ?? [])];
  if (scopes.length === 0) scopes = discovery.resourceMetadata?.scopes_supported ?? [];
  if (isPersonGrant(grant) && discovery.metadata.scopes_supported?.includes('offline_access') && scopes.length > 0) scopes.push('offline_access');
  return scopeString(scopes);
}
