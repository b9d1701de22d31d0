import type { AccessTier } from '@mcpctl/toolkit/base';
import { tierAllows } from '@mcpctl/toolkit/base';
import type { DeniedKind, SecretsMode } from '../options.js';
import { refused } from '../tool-errors.js';
import { parseApiPath, type ResourceTarget } from './path.js';
import { scrubResponse } from './scrub.js';

/**
 * The one filter every request to the API server passes before it leaves
 * the process (transport.ts calls it for JSON requests, watches, logs and
 * exec alike), and every response passes before a tool sees it.
 *
 * Requests: the HTTP method and path that are about to be sent decide the
 * tier (read: GET only, and no exec/attach/port-forward/proxy even by GET);
 * namespaces outside the allow-list, cluster-wide requests for namespaced
 * resources under an allow-list, denied kinds and (secrets: hidden) Secrets
 * are refused. A path the filter cannot read is refused.
 * Responses: Secret values are removed; namespaces outside the allow-list
 * are left out of namespace lists.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OutgoingRequest {
  method: HttpMethod;
  path: string;
  /** The request body's metadata.namespace, when it has one (must agree with the path). */
  bodyNamespace?: string | undefined;
}

export interface FilterPolicy {
  access: AccessTier;
  /** Allowed namespaces; undefined for every namespace. */
  namespaces: ReadonlySet<string> | undefined;
  secrets: SecretsMode;
  denied: readonly DeniedKind[];
  serverName: string;
}

/** What discovery says about a resource, for the filter's checks. */
export interface ResourceFacts {
  kind: string;
  namespaced: boolean;
}

export type ResourceLookup = (group: string, version: string, resource: string) => Promise<ResourceFacts | undefined>;

/** A request the filter let through: what it touches, for scrubbing its response. */
export interface AdmittedRequest {
  target: ResourceTarget | undefined;
  verb: string;
}

/** Subresources that run code or open a tunnel in the cluster: destructive whatever the method. */
const TUNNELS = new Set(['exec', 'attach', 'portforward', 'proxy']);
/** Reviews that ask the API server what the credentials may do; they change nothing. */
const REVIEWS = new Set(['selfsubjectaccessreviews', 'selfsubjectrulesreviews']);
/** Cluster-scoped resources a namespace-restricted entry may still change (cordon, uncordon, drain). */
const CLUSTER_WRITABLE_UNDER_ALLOW_LIST = new Set(['nodes']);

export class RequestFilter {
  readonly policy: FilterPolicy;
  readonly #lookup: ResourceLookup;

  constructor(policy: FilterPolicy, lookup: ResourceLookup) {
    this.policy = policy;
    this.#lookup = lookup;
  }

  /** Let the request through or throw K8S_REQUEST_REFUSED saying which rule refused it. */
  async admit(request: OutgoingRequest): Promise<AdmittedRequest> {
    const { method, path } = request;
    const parsed = parseApiPath(path);
    const deny = (rule: string, message: string, hint: string): never => {
      throw refused(`Refused before it reached the API server: ${message}`, hint, { rule, method, path, server: this.policy.serverName });
    };
    if (!parsed) return deny('path', `${method} ${path} is not a Kubernetes API path mcpctl sends`, 'Use the tools; they only send resource and discovery requests.');
    if (parsed.type === 'discovery') {
      if (method !== 'GET') deny('verb', `${method} ${path}: discovery is read-only`, 'Discovery paths only answer GET.');
      return { target: undefined, verb: 'discover' };
    }
    const target = parsed;
    const { verb, needs } = classify(method, target);
    const what = `${verb} ${target.resource}${target.subresource ? `/${target.subresource}` : ''}${target.name ? ` ${target.name}` : ''}${target.namespace ? ` in namespace ${target.namespace}` : ''}`;
    if (!tierAllows(this.policy.access, needs)) {
      deny('access', `${what} needs access: ${needs} (this entry grants ${this.policy.access}; ${this.policy.access === 'read' ? 'only GET requests are sent' : 'no deletes, evictions, exec or tunnels'})`,
        `Set \`access: ${needs}\` on servers.${this.policy.serverName} in the mcpctl config if this server should allow it.`);
    }
    const coreSecrets = target.group === '' && target.resource === 'secrets';
    if (coreSecrets && this.policy.secrets === 'hidden') {
      deny('secrets', `${what}: Secrets are hidden on this server`, `Set \`secrets: metadata\` on servers.${this.policy.serverName} to see Secret names and keys (never values).`);
    }
    const allowed = this.policy.namespaces;
    if (request.bodyNamespace !== undefined && request.bodyNamespace !== target.namespace) {
      deny('namespace', `${what}: the object says namespace ${request.bodyNamespace}`, 'Send the object to its own namespace.');
    }
    if (allowed && target.namespace !== undefined && !allowed.has(target.namespace)) {
      deny('namespace', `${what}: namespace ${target.namespace} is not in this server's namespaces (${[...allowed].join(', ')})`, `Add it to \`namespaces\` on servers.${this.policy.serverName}, or use one of the allowed namespaces.`);
    }
    const needsFacts = this.policy.denied.length > 0 || (allowed !== undefined && target.namespace === undefined);
    const facts = needsFacts ? await this.#lookup(target.group, target.version, target.resource) : undefined;
    if (needsFacts && !facts) {
      deny('unknown-resource', `${what}: ${target.group || 'core'}/${target.version} ${target.resource} is not a resource the API server lists`, 'Check the kind with api_resources.');
    }
    if (facts && this.isDenied(target.group, target.version, facts.kind)) {
      deny('denied-kind', `${what}: kind ${facts.kind}${target.group ? `.${target.group}` : ''} is in deniedResources`, `Remove it from \`deniedResources\` on servers.${this.policy.serverName} if this server should touch it.`);
    }
    if (allowed && facts && target.namespace === undefined) {
      if (facts.namespaced) {
        deny('namespace', `${what}: a request across all namespaces, but this server only allows ${[...allowed].join(', ')}`, 'Name one of the allowed namespaces.');
      }
      if (needs !== 'read' && verb !== 'review' && !CLUSTER_WRITABLE_UNDER_ALLOW_LIST.has(target.resource)) {
        deny('namespace', `${what}: a change to a cluster-scoped ${facts.kind}, but this server is restricted to namespaces ${[...allowed].join(', ')}`, 'Cluster-scoped changes (other than cordoning nodes) need `namespaces: ["*"]`.');
      }
    }
    return { target, verb };
  }

  /** False for a watch event the policy hides (a namespace outside the allow-list). */
  showsEvent(admitted: AdmittedRequest, event: { object?: { metadata?: { name?: string } } }): boolean {
    const target = admitted.target;
    if (!this.policy.namespaces || !target || target.group !== '' || target.resource !== 'namespaces') return true;
    return this.policy.namespaces.has(event.object?.metadata?.name ?? '');
  }

  isDenied(group: string, version: string, kind: string): boolean {
    return this.policy.denied.some((d) => d.group === group && d.kind.toLowerCase() === kind.toLowerCase() && (d.version === undefined || d.version === version));
  }

  /** Remove what the policy hides from a parsed response body (in place) and return it. */
  scrub<T>(admitted: AdmittedRequest, body: T): T {
    const target = admitted.target;
    if (!target) return body;
    const fromSecrets = target.group === '' && target.resource === 'secrets';
    scrubResponse(body, fromSecrets, this.policy.secrets);
    if (this.policy.namespaces && target.group === '' && target.resource === 'namespaces' && target.name === undefined) keepAllowedNamespaces(body, this.policy.namespaces);
    return body;
  }
}

function classify(method: HttpMethod, target: ResourceTarget): { verb: string; needs: AccessTier } {
  const sub = target.subresource;
  if (sub !== undefined && TUNNELS.has(sub)) return { verb: sub === 'portforward' ? 'port-forward' : sub, needs: 'destructive' };
  switch (method) {
    case 'GET':
      return { verb: target.name === undefined ? 'list' : 'get', needs: 'read' };
    case 'POST':
      if (target.group === 'authorization.k8s.io' && REVIEWS.has(target.resource) && target.name === undefined) return { verb: 'review', needs: 'write' };
      if (sub === 'eviction') return { verb: 'evict', needs: 'destructive' };
      return { verb: 'create', needs: 'write' };
    case 'PUT':
      return { verb: 'update', needs: 'write' };
    case 'PATCH':
      return { verb: 'patch', needs: 'write' };
    case 'DELETE':
      return { verb: target.name === undefined ? 'deletecollection' : 'delete', needs: 'destructive' };
  }
}

function keepAllowedNamespaces(body: unknown, allowed: ReadonlySet<string>): void {
  if (typeof body !== 'object' || body === null) return;
  const value = body as { items?: unknown[]; rows?: Array<{ object?: { metadata?: { name?: string } } }>; type?: string; object?: { metadata?: { name?: string } } };
  const nameOf = (o: unknown): string | undefined => (o as { metadata?: { name?: string } } | undefined)?.metadata?.name;
  if (Array.isArray(value.items)) value.items = value.items.filter((item) => allowed.has(nameOf(item) ?? ''));
  if (Array.isArray(value.rows)) value.rows = value.rows.filter((row) => allowed.has(nameOf(row.object) ?? ''));
}
