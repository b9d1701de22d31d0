import { ToolError } from '@mcpctl/toolkit/base';
import type { ContextInfo } from '../kubeconfig.js';
import { K8sErrorCode } from '../tool-errors.js';
import { Discovery, type ApiResource } from './discovery.js';
import { EXEC_PROTOCOLS, runExec, type ExecOutcome } from './exec.js';
import { resourcePath } from './path.js';
import type { KubeTransport, Query } from './transport.js';

/**
 * One context's API, in the operations the tools need. Everything goes
 * through the context's KubeTransport (and so through the request filter).
 */

export type KubeObject = Record<string, unknown> & { apiVersion?: string; kind?: string; metadata?: ObjectMeta };

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ kind: string; name: string; uid: string; controller?: boolean }>;
  managedFields?: unknown[];
  [key: string]: unknown;
}

export interface ObjectList {
  kind?: string;
  apiVersion?: string;
  metadata?: { continue?: string; resourceVersion?: string; remainingItemCount?: number };
  items: KubeObject[];
}

export interface Table {
  kind: 'Table';
  metadata?: { continue?: string; resourceVersion?: string; remainingItemCount?: number };
  columnDefinitions: Array<{ name: string; type: string; format?: string; description?: string; priority?: number }>;
  rows: Array<{ cells: unknown[]; object?: KubeObject }>;
}

export interface ListQuery {
  namespace?: string | undefined;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
  limit?: number | undefined;
  continue?: string | undefined;
  signal?: AbortSignal | undefined;
}

export type PatchType = 'merge' | 'json' | 'apply' | 'strategic';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
  strategic: 'application/strategic-merge-patch+json',
};

export const FIELD_MANAGER = 'mcpctl';
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

export class KubeClient {
  readonly info: ContextInfo;
  readonly transport: KubeTransport;
  readonly discovery: Discovery;

  constructor(info: ContextInfo, transport: KubeTransport, discovery: Discovery) {
    this.info = info;
    this.transport = transport;
    this.discovery = discovery;
  }

  resolve(kind: string, apiVersion?: string): Promise<ApiResource> {
    return this.discovery.resolve(kind, apiVersion);
  }

  /** The namespace a namespaced request goes to: the given one, else the namespace for this context's defaults. */
  path(resource: ApiResource, namespace: string | undefined, name?: string, subresource?: string): string {
    return resourcePath({ group: resource.group, version: resource.version, resource: resource.resource, namespace: resource.namespaced ? namespace : undefined, name, subresource });
  }

  list(resource: ApiResource, query: ListQuery): Promise<ObjectList> {
    return this.transport.json<ObjectList>({ method: 'GET', path: this.path(resource, query.namespace), query: listQuery(query), signal: query.signal });
  }

  /** The server's Table rendering (the columns kubectl prints, CRDs' printer columns included). */
  table(resource: ApiResource, query: ListQuery & { name?: string }): Promise<Table> {
    return this.transport.json<Table>({
      method: 'GET',
      path: this.path(resource, query.namespace, query.name),
      query: { ...listQuery(query), includeObject: 'Metadata' },
      accept: TABLE_ACCEPT,
      signal: query.signal,
    });
  }

  /** Every item of a list, following continue tokens, up to `max` items. */
  async listAll(resource: ApiResource, query: ListQuery, max = 10_000): Promise<{ items: KubeObject[]; complete: boolean }> {
    const items: KubeObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.list(resource, { ...query, limit: Math.min(500, max - items.length), continue: token });
      items.push(...page.items);
      token = page.metadata?.continue || undefined;
    } while (token && items.length < max);
    return { items, complete: !token };
  }

  get(resource: ApiResource, namespace: string | undefined, name: string, signal?: AbortSignal, subresource?: string): Promise<KubeObject> {
    return this.transport.json<KubeObject>({ method: 'GET', path: this.path(resource, namespace, name, subresource), signal });
  }

  /** The object, or undefined when it does not exist. */
  async find(resource: ApiResource, namespace: string | undefined, name: string, signal?: AbortSignal): Promise<KubeObject | undefined> {
    try {
      return await this.get(resource, namespace, name, signal);
    } catch (error) {
      if (error instanceof ToolError && error.code === K8sErrorCode.NOT_FOUND) return undefined;
      throw error;
    }
  }

  patch(resource: ApiResource, namespace: string | undefined, name: string, type: PatchType, body: unknown, options: { dryRun?: boolean; force?: boolean; subresource?: string; signal?: AbortSignal } = {}): Promise<KubeObject> {
    const query: Query = { fieldManager: FIELD_MANAGER };
    if (options.dryRun) query.dryRun = 'All';
    if (type === 'apply' && options.force) query.force = true;
    return this.transport.json<KubeObject>({
      method: 'PATCH',
      path: this.path(resource, namespace, name, options.subresource),
      query,
      body,
      // client-node would send JSON-patch unless told: the content type is set per request.
      contentType: PATCH_CONTENT_TYPES[type],
      signal: options.signal,
    });
  }

  delete(resource: ApiResource, namespace: string | undefined, name: string, options: { dryRun?: boolean; gracePeriodSeconds?: number; propagationPolicy?: string; uid?: string; signal?: AbortSignal } = {}): Promise<KubeObject> {
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
    if (options.dryRun) body.dryRun = ['All'];
    if (options.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = options.gracePeriodSeconds;
    if (options.propagationPolicy) body.propagationPolicy = options.propagationPolicy;
    if (options.uid) body.preconditions = { uid: options.uid };
    return this.transport.json<KubeObject>({ method: 'DELETE', path: this.path(resource, namespace, name), query: options.dryRun ? { dryRun: 'All' } : {}, body, signal: options.signal });
  }

  evict(namespace: string, pod: string, options: { gracePeriodSeconds?: number; dryRun?: boolean; signal?: AbortSignal } = {}): Promise<KubeObject> {
    const body: Record<string, unknown> = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace } };
    const deleteOptions: Record<string, unknown> = {};
    if (options.gracePeriodSeconds !== undefined) deleteOptions.gracePeriodSeconds = options.gracePeriodSeconds;
    if (options.dryRun) deleteOptions.dryRun = ['All'];
    if (Object.keys(deleteOptions).length > 0) body.deleteOptions = deleteOptions;
    return this.transport.json<KubeObject>({
      method: 'POST',
      path: resourcePath({ group: '', version: 'v1', resource: 'pods', namespace, name: pod, subresource: 'eviction' }),
      query: options.dryRun ? { dryRun: 'All' } : {},
      body,
      signal: options.signal,
    });
  }

  logs(namespace: string, pod: string, query: Query, maxBytes: number, signal?: AbortSignal): Promise<{ text: string; bytes: number; truncated: boolean }> {
    return this.transport.text({ method: 'GET', path: resourcePath({ group: '', version: 'v1', resource: 'pods', namespace, name: pod, subresource: 'log' }), query, accept: 'text/plain', signal }, maxBytes);
  }

  watch(resource: ApiResource, query: ListQuery & { resourceVersion?: string; timeoutSeconds?: number }, onEvent: (event: { type: string; object: KubeObject }) => boolean | void): Promise<'ended' | 'stopped'> {
    return this.transport.watch(
      {
        method: 'GET',
        path: this.path(resource, query.namespace),
        query: { ...listQuery(query), resourceVersion: query.resourceVersion, timeoutSeconds: query.timeoutSeconds, allowWatchBookmarks: false },
        signal: query.signal,
      },
      onEvent,
    );
  }

  async exec(namespace: string, pod: string, options: { container?: string; command: string[]; stdin?: string; maxBytes: number; timeoutMs: number; signal?: AbortSignal }): Promise<ExecOutcome> {
    const query: Query = { command: options.command, stdout: true, stderr: true, stdin: options.stdin !== undefined, tty: false, container: options.container };
    const protocols = options.stdin !== undefined ? EXEC_PROTOCOLS.slice(0, 1) : EXEC_PROTOCOLS;
    const socket = await this.transport.websocket({ method: 'GET', path: resourcePath({ group: '', version: 'v1', resource: 'pods', namespace, name: pod, subresource: 'exec' }), query, signal: options.signal }, protocols);
    const outcome = await runExec(socket, options);
    const redactor = this.transport.redactor;
    return { ...outcome, stdout: redactor.redactKnown(outcome.stdout), stderr: redactor.redactKnown(outcome.stderr) };
  }

  /**
   * Ask the API server whether these credentials may do something
   * (SelfSubjectAccessReview). Undefined when the server cannot say; the
   * request filter, not this, is the guard.
   */
  async canI(verb: string, resource: ApiResource, namespace: string | undefined, name?: string, subresource?: string, signal?: AbortSignal): Promise<{ allowed: boolean; reason?: string } | undefined> {
    try {
      const review = await this.transport.json<{ status?: { allowed?: boolean; reason?: string } }>({
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { verb, group: resource.group, version: resource.version, resource: resource.resource, namespace: resource.namespaced ? namespace : undefined, name, subresource } },
        },
        signal,
      });
      return review.status?.allowed === undefined ? undefined : { allowed: review.status.allowed, ...(review.status.reason ? { reason: review.status.reason } : {}) };
    } catch (error) {
      // The API server could not answer (no authorization API, an old server): the filter still guards.
      if (signal?.aborted || (error instanceof ToolError && error.code === K8sErrorCode.REFUSED)) throw error;
      return undefined;
    }
  }

  /** Throw a clear early error when the API server says these credentials may not do this. */
  async requireCan(verb: string, resource: ApiResource, namespace: string | undefined, name?: string, subresource?: string, signal?: AbortSignal): Promise<void> {
    const answer = await this.canI(verb, resource, namespace, name, subresource, signal);
    if (answer && !answer.allowed) {
      const what = `${verb} ${resource.resource}${subresource ? `/${subresource}` : ''}${name ? ` ${name}` : ''}${resource.namespaced && namespace ? ` in namespace ${namespace}` : ''}`;
      throw new ToolError(K8sErrorCode.FORBIDDEN, `Your credentials (context ${this.info.name}) may not ${what}${answer.reason ? `: ${answer.reason}` : ''}`, {
        hint: 'Ask the cluster admin for the RBAC permission, or use a context whose user has it.',
        details: { verb, resource: resource.resource, group: resource.group, namespace, context: this.info.name },
      });
    }
  }
}

function listQuery(query: ListQuery): Query {
  return { labelSelector: query.labelSelector || undefined, fieldSelector: query.fieldSelector || undefined, limit: query.limit, continue: query.continue || undefined };
}
