import type { AuthConfig } from '@mcpctl/kernel';
import { OAUTH_CONFIG_INVALID } from '../errors.js';
import type { EnterpriseConfig, OAuthGrant, TokenEndpointAuthMethod } from '../types.js';

/** The validated `auth: { method: oauth }` block of one server entry. */
export interface OAuthSettings {
  clientId?: string;
  clientSecret?: string;
  clientAuth?: TokenEndpointAuthMethod;
  privateKey?: string;
  privateKeyAlg?: string;
  grant?: OAuthGrant;
  scopes: string[];
  clientMetadataUrl?: string;
  redirectPort?: number;
  issuer?: string;
  loginTimeoutMs: number;
  enterprise?: EnterpriseConfig;
}

const GRANTS: readonly OAuthGrant[] = ['authorization_code', 'client_credentials', 'device_code'];
const CLIENT_AUTH: readonly TokenEndpointAuthMethod[] = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'];
const KNOWN = new Set(['method', 'clientId', 'clientSecret', 'clientAuth', 'privateKey', 'privateKeyAlg', 'grant', 'scopes', 'clientMetadataUrl', 'redirectPort', 'issuer', 'loginTimeoutSeconds', 'enterprise']);

/** Check the block (the schema did too, but ad-hoc `--auth oauth` targets skip config validation). Values are never echoed. */
export function parseOAuthSettings(config: AuthConfig, serverName?: string): OAuthSettings {
  const where = serverName ? ` (server ${serverName})` : '';
  const fail = (why: string) => OAUTH_CONFIG_INVALID(where, why);
  for (const key of Object.keys(config)) if (!KNOWN.has(key)) throw fail(`unknown option "${key}"`);
  const str = (key: string): string | undefined => {
    const value = config[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length === 0) throw fail(`"${key}" must be a non-empty string`);
    return value;
  };
  const grant = str('grant');
  if (grant !== undefined && !GRANTS.includes(grant as OAuthGrant)) throw fail(`"grant" must be one of ${GRANTS.join(', ')}`);
  const clientAuth = str('clientAuth');
  if (clientAuth !== undefined && !CLIENT_AUTH.includes(clientAuth as TokenEndpointAuthMethod)) throw fail(`"clientAuth" must be one of ${CLIENT_AUTH.join(', ')}`);
  const settings: OAuthSettings = { scopes: scopesOf(config.scopes, fail), loginTimeoutMs: 300_000 };
  for (const key of ['clientId', 'clientSecret', 'privateKey', 'privateKeyAlg', 'clientMetadataUrl', 'issuer'] as const) {
    const value = str(key);
    if (value !== undefined) settings[key] = value;
  }
  if (grant) settings.grant = grant as OAuthGrant;
  if (clientAuth) settings.clientAuth = clientAuth as TokenEndpointAuthMethod;
  if (config.redirectPort !== undefined) {
    const port = config.redirectPort;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) throw fail('"redirectPort" must be a port number (1-65535)');
    settings.redirectPort = port;
  }
  if (config.loginTimeoutSeconds !== undefined) {
    const seconds = config.loginTimeoutSeconds;
    if (typeof seconds !== 'number' || !(seconds > 0)) throw fail('"loginTimeoutSeconds" must be a positive number');
    settings.loginTimeoutMs = seconds * 1000;
  }
  if (settings.clientMetadataUrl !== undefined && !isHttpsUrlWithPath(settings.clientMetadataUrl)) throw fail('"clientMetadataUrl" must be an https:// URL with a path');
  if (settings.issuer !== undefined && !/^https?:\/\//.test(settings.issuer)) throw fail('"issuer" must be an http(s) URL');
  if (settings.clientSecret && !settings.clientId) throw fail('"clientSecret" needs "clientId"');
  if (settings.privateKey && !settings.clientId) throw fail('"privateKey" needs "clientId"');
  if (settings.clientAuth === 'private_key_jwt' && !settings.privateKey) throw fail('clientAuth private_key_jwt needs "privateKey"');
  if ((settings.clientAuth === 'client_secret_basic' || settings.clientAuth === 'client_secret_post') && !settings.clientSecret) throw fail(`clientAuth ${settings.clientAuth} needs "clientSecret"`);
  if (config.enterprise !== undefined) settings.enterprise = enterpriseOf(config.enterprise, fail);
  return settings;
}

function scopesOf(value: unknown, fail: (why: string) => Error): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value : undefined;
  if (!list || !list.every((s) => typeof s === 'string')) throw fail('"scopes" must be a list of strings or a space-separated string');
  const scopes = (list as string[]).filter((s) => s.length > 0);
  for (const scope of scopes) if (!/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope)) throw fail(`scope "${scope}" has characters RFC 6749 does not allow`);
  return [...new Set(scopes)];
}

function enterpriseOf(value: unknown, fail: (why: string) => Error): EnterpriseConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('"enterprise" must be an object { idpIssuer, idpClientId, idpClientSecret?, idToken? }');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!['idpIssuer', 'idpClientId', 'idpClientSecret', 'idToken'].includes(key)) throw fail(`unknown option "enterprise.${key}"`);
  const need = (key: string): string => {
    const v = record[key];
    if (typeof v !== 'string' || v.length === 0) throw fail(`"enterprise.${key}" is required and must be a non-empty string`);
    return v;
  };
  const optional = (key: string): string | undefined => (record[key] === undefined ? undefined : need(key));
  const result: EnterpriseConfig = { idpIssuer: need('idpIssuer'), idpClientId: need('idpClientId') };
  const secret = optional('idpClientSecret');
  if (secret) result.idpClientSecret = secret;
  const idToken = optional('idToken');
  if (idToken) result.idToken = idToken;
  return result;
}

export function isHttpsUrlWithPath(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.pathname !== '/';
  } catch {
    return false;
  }
}

/** Space-separated scope string, or undefined when empty (then `scope` is omitted). */
export function scopeString(scopes: Iterable<string>): string | undefined {
  const list = [...new Set(scopes)].filter(Boolean);
  return list.length ? list.join(' ') : undefined;
}
