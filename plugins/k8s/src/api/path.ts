/**
 * Kubernetes API paths, both ways: building the path of a resource request,
 * and reading any path back into what it touches (the request filter judges
 * the path that is actually sent, not what a tool meant to send).
 */

export interface ResourceTarget {
  type: 'resource';
  group: string;
  version: string;
  resource: string;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

export interface DiscoveryTarget {
  type: 'discovery';
}

export type ApiTarget = ResourceTarget | DiscoveryTarget;

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** What a request path touches, or undefined when it is not a path the filter knows (it is then refused). */
export function parseApiPath(path: string): ApiTarget | undefined {
  if (!path.startsWith('/') || path.includes('//') || path.includes('?') || path.includes('#')) return undefined;
  const raw = path.split('/').slice(1);
  let parts: string[];
  try {
    parts = raw.map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
  if (parts.some((part) => part === '' || part === '.' || part === '..' || part.includes('/'))) return undefined;
  if (path === '/version' || path === '/api' || path === '/apis') return { type: 'discovery' };
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length < 2) return undefined;
    group = '';
    version = parts[1] as string;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length === 2) return SEGMENT.test(parts[1] as string) ? { type: 'discovery' } : undefined;
    if (parts.length < 3) return undefined;
    group = parts[1] as string;
    version = parts[2] as string;
    rest = parts.slice(3);
  } else {
    return undefined;
  }
  if (![group || 'core', version, ...rest].every((part) => SEGMENT.test(part))) return undefined;
  if (rest.length === 0) return { type: 'discovery' };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && group === '' && NAMESPACE_SUBRESOURCES.has(rest[2] as string))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource, ...extra] = rest;
  // Extra segments are proxy paths (…/proxy/<path>): keep the subresource, judge it as such.
  if (extra.length > 0 && subresource !== 'proxy') return undefined;
  const target: ResourceTarget = { type: 'resource', group, version, resource: resource as string, namespace, name, subresource };
  // The namespace object itself: its namespace is its name.
  if (group === '' && resource === 'namespaces' && name !== undefined) target.namespace = name;
  return target;
}

/** The path of a resource request (collection when `name` is absent). */
export function resourcePath(target: { group: string; version: string; resource: string; namespace?: string | undefined; name?: string | undefined; subresource?: string | undefined }): string {
  const base = target.group === '' ? `/api/${target.version}` : `/apis/${target.group}/${target.version}`;
  const ns = target.namespace !== undefined ? `/namespaces/${encodeURIComponent(target.namespace)}` : '';
  const name = target.name !== undefined ? `/${encodeURIComponent(target.name)}` : '';
  const sub = target.subresource !== undefined ? `/${target.subresource}` : '';
  return `${base}${ns}/${target.resource}${name}${sub}`;
}
