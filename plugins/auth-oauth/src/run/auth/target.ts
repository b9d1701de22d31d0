import type { AuthConfig, KernelServices } from '@mcpctl/kernel';
import { OAUTH_TARGET_UNKNOWN } from '../../errors.js';

export interface OAuthTarget {
  label: string;
  url: string;
  auth: AuthConfig;
}

export interface TargetFlags {
  oauthClientId?: string | undefined;
  oauthClientSecret?: string | undefined;
  oauthGrant?: string | undefined;
  oauthScope?: string[] | undefined;
}

/** A configured server whose entry uses `auth: { method: oauth }` (the --oauth-* flags override it), or an http(s) URL with the flags. */
export async function resolveOAuthTarget(kernel: KernelServices, target: string, flags: TargetFlags): Promise<OAuthTarget> {
  if (/^https?:\/\//i.test(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw OAUTH_TARGET_UNKNOWN(target);
    }
    return { label: url.href, url: url.href, auth: authFromFlags(flags) };
  }
  const { config } = await kernel.loadConfig();
  const entry = Object.hasOwn(config.servers ?? {}, target) ? config.servers[target] : undefined;
  if (!entry || entry.auth?.method !== 'oauth' || typeof entry.url !== 'string') throw OAUTH_TARGET_UNKNOWN(target);
  // The flags override the entry for this command (e.g. `auth login remote --oauth-grant device_code`).
  const { method: _method, scopes: extraScopes, ...overrides } = authFromFlags(flags);
  const auth: AuthConfig = { ...entry.auth, ...overrides };
  if (Array.isArray(extraScopes)) auth.scopes = [...new Set([...scopeList(entry.auth.scopes), ...extraScopes])];
  return { label: target, url: entry.url, auth };
}

export function authFromFlags(flags: TargetFlags): AuthConfig {
  return {
    method: 'oauth',
    ...(flags.oauthClientId ? { clientId: flags.oauthClientId } : {}),
    ...(flags.oauthClientSecret ? { clientSecret: flags.oauthClientSecret } : {}),
    ...(flags.oauthGrant ? { grant: flags.oauthGrant } : {}),
    ...(flags.oauthScope?.length ? { scopes: flags.oauthScope } : {}),
  };
}

function scopeList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}
