/**
 * DNS-rebinding protection for a local HTTP endpoint: a web page on an
 * attacker's domain that resolves to 127.0.0.1 still sends its own Host and
 * Origin, so requests are accepted only for the names the server answers to.
 */

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export interface HostPolicy {
  /** Accepted Host header values (lower case, with and without port); undefined = any. */
  hosts: Set<string> | undefined;
  /** Accepted Origin header values; undefined = any. Requests without Origin are not from browsers and pass. */
  origins: Set<string> | undefined;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The policy for a server bound to `host:port`, plus the names the user allowed. */
export function hostPolicy(bind: string, port: number, extraHosts: readonly string[], extraOrigins: readonly string[]): HostPolicy {
  const names = new Set<string>(LOOPBACK_NAMES);
  const wildcard = bind === '0.0.0.0' || bind === '::' || bind === '[::]';
  if (!wildcard) names.add(hostForUrl(bind.toLowerCase()));
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(name);
    hosts.add(`${name}:${port}`);
  }
  for (const extra of extraHosts) hosts.add(extra.toLowerCase());
  const origins = new Set<string>();
  for (const name of names) for (const scheme of ['http', 'https']) origins.add(`${scheme}://${name}:${port}`);
  for (const name of names) if (port === 80 || port === 443) origins.add(`${port === 443 ? 'https' : 'http'}://${name}`);
  for (const extra of extraOrigins) origins.add(extra.toLowerCase().replace(/\/+$/, ''));
  return {
    hosts: extraHosts.includes('*') ? undefined : hosts,
    origins: extraOrigins.includes('*') ? undefined : origins,
  };
}

/** Why a request must be refused, or undefined when it may proceed. */
export function checkRequest(policy: HostPolicy, headers: { host?: string; origin?: string | string[] }): string | undefined {
  if (policy.hosts) {
    const host = headers.host?.toLowerCase();
    if (!host || !policy.hosts.has(host)) return `Host header ${JSON.stringify(headers.host ?? '')} is not allowed`;
  }
  const origin = headers.origin;
  if (origin !== undefined && policy.origins) {
    const value = Array.isArray(origin) ? origin[0] : origin;
    if (!value || !policy.origins.has(value.toLowerCase())) return `Origin ${JSON.stringify(value ?? '')} is not allowed`;
  }
  return undefined;
}
