import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { WebSocketServer } from 'ws';
import { createTestPki, type TestPki } from '../tls.js';
import { catalog, groupVersions, resourceList, WIDGET_CRD, type FakeResource } from './catalog.js';
import { PROGRAMS, serveExec, type ExecProgram } from './exec.js';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from './patches.js';
import { parseFieldSelector, parseLabelSelector, SelectorError } from './selectors.js';
import { ConflictError, Store, type Change } from './store.js';
import { toTable } from './tables.js';

/**
 * A test double of kube-apiserver: HTTPS on 127.0.0.1 with a CA made at
 * start, bearer-token auth, discovery (with one CRD), CRUD with label and
 * field selectors and limit/continue paging, merge / JSON / strategic /
 * apply patches with fieldManager and managedFields, server-side dry run,
 * chunked watches (headers flushed at once), Table output, pod logs, exec
 * over WebSocket, SelfSubjectAccessReview, evictions, scale subresources, a
 * rollout "controller", optional metrics — and a record of every request it
 * received, so tests can prove what never reached it.
 */

type Obj = Record<string, any>;

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** get, list, watch, create, update, patch, delete, deletecollection, exec, log, discovery, review… */
  verb: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  contentType?: string;
  accept?: string;
  authorized: boolean;
  /** The request body as text (JSON or YAML), for asserting what was sent. */
  body?: string;
}

export interface DenyRule {
  verb: string;
  resource: string;
  namespace?: string;
}

export interface FakeApiServerOptions {
  token?: string;
  metrics?: boolean;
}

interface Target {
  resource: FakeResource;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

interface PodLog {
  current: Buffer;
  previous?: Buffer;
}

export class FakeApiServer {
  readonly token: string;
  readonly pki: TestPki;
  readonly store = new Store();
  readonly requests: RecordedRequest[] = [];
  readonly resources: FakeResource[];
  readonly denied: DenyRule[] = [];
  readonly programs: Record<string, ExecProgram> = { ...PROGRAMS };
  /** Evictions answered 429 (a PodDisruptionBudget) before they succeed. */
  evictionBlocks = 0;
  /** Delay before a changed workload's status says the rollout is done (0: at once). */
  rolloutDelayMs = 0;
  readonly #server: Server;
  readonly #logs = new Map<string, PodLog>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #sockets = new Set<{ destroy(): void; on(event: 'close', listener: () => void): unknown }>();
  #url = '';

  private constructor(pki: TestPki, options: FakeApiServerOptions) {
    this.pki = pki;
    this.token = options.token ?? `fake-token-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    this.resources = catalog({ metrics: options.metrics ?? false });
    this.#server = createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => ['v5.channel.k8s.io', 'v4.channel.k8s.io'].find((p) => protocols.has(p)) ?? false });
    this.#server.on('upgrade', (req, socket, head) => this.#upgrade(wss, req, socket as unknown as import('node:net').Socket, head));
  }

  static async start(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
    const server = new FakeApiServer(await createTestPki(), options);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    server.#url = `https://127.0.0.1:${(server.#server.address() as AddressInfo).port}`;
    server.#seedSystem();
    return server;
  }

  get url(): string {
    return this.#url;
  }

  /** A kubeconfig for this server: one context per entry (all with this server's token unless given). */
  kubeconfig(contexts: Array<{ name: string; namespace?: string; token?: string }> = [{ name: 'fake' }]): string {
    const ca = Buffer.from(this.pki.caPem).toString('base64');
    const lines = ['apiVersion: v1', 'kind: Config', `current-context: ${contexts[0]?.name}`, 'clusters:', `- name: fake-cluster`, '  cluster:', `    server: ${this.#url}`, `    certificate-authority-data: ${ca}`, 'users:'];
    for (const c of contexts) lines.push(`- name: user-${c.name}`, '  user:', `    token: ${c.token ?? this.token}`);
    lines.push('contexts:');
    for (const c of contexts) lines.push(`- name: ${c.name}`, '  context:', '    cluster: fake-cluster', `    user: user-${c.name}`, ...(c.namespace ? [`    namespace: ${c.namespace}`] : []));
    return `${lines.join('\n')}\n`;
  }

  resource(group: string, resource: string, version?: string): FakeResource {
    const found = this.resources.find((r) => r.group === group && r.resource === resource && (version === undefined || r.version === version));
    if (!found) throw new Error(`fake: no resource ${group}/${resource}`);
    return found;
  }

  /** Store an object directly (seeding), as if created through the API. */
  add(object: Obj): Obj {
    const [group, version] = String(object.apiVersion).includes('/') ? String(object.apiVersion).split('/') : ['', object.apiVersion];
    const resource = this.resources.find((r) => r.group === group && r.version === version && r.kind === object.kind);
    if (!resource) throw new Error(`fake: unknown kind ${object.apiVersion} ${object.kind}`);
    const stored = this.store.put(resource, structuredClone(object), { manager: 'seed', operation: 'Update' });
    this.#controllers(resource, stored);
    return stored;
  }

  setLog(namespace: string, pod: string, current: string | Buffer, previous?: string | Buffer): void {
    this.#logs.set(`${namespace}/${pod}`, { current: Buffer.from(current), ...(previous !== undefined ? { previous: Buffer.from(previous) } : {}) });
  }

  /** Requests of these kinds reaching the server (for "never reached it" assertions). */
  requestsWhere(predicate: (r: RecordedRequest) => boolean): RecordedRequest[] {
    return this.requests.filter(predicate);
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #seedSystem(): void {
    for (const ns of ['default', 'kube-system']) this.add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }, status: { phase: 'Active' } });
    this.add(WIDGET_CRD);
  }

  // ------------------------------------------------------------------ routing

  #parse(path: string): Target | 'discovery' | undefined {
    const parts = path.split('/').slice(1).map(decodeURIComponent);
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api') [group, version, rest] = ['', parts[1] ?? '', parts.slice(2)];
    else if (parts[0] === 'apis') [group, version, rest] = [parts[1] ?? '', parts[2] ?? '', parts.slice(3)];
    else return undefined;
    if (rest.length === 0) return 'discovery';
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && ['status', 'finalize'].includes(rest[2] as string))) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const resource = this.resources.find((r) => r.group === group && r.version === version && r.resource === rest[0]);
    if (!resource) return undefined;
    if (resource.resource === 'namespaces' && rest[1]) namespace = undefined;
    return { resource, namespace, name: rest[1], subresource: rest[2] };
  }

  #record(req: IncomingMessage, url: URL, target: Target | 'discovery' | undefined, verb: string, authorized: boolean, body?: string): void {
    const t = typeof target === 'object' ? target : undefined;
    const ns = t?.resource.resource === 'namespaces' ? t.name : t?.namespace;
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      verb,
      ...(t ? { group: t.resource.group, resource: t.resource.resource } : {}),
      ...(t?.subresource ? { subresource: t.subresource } : {}),
      ...(ns ? { namespace: ns } : {}),
      ...(t?.name ? { name: t.name } : {}),
      ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
      ...(req.headers.accept ? { accept: req.headers.accept } : {}),
      authorized,
      ...(body !== undefined ? { body } : {}),
    });
  }

  #verb(method: string, target: Target | 'discovery' | undefined, url: URL): string {
    if (target === 'discovery' || target === undefined) return 'discovery';
    if (target.subresource === 'exec' || target.subresource === 'attach' || target.subresource === 'portforward' || target.subresource === 'proxy') return target.subresource;
    if (target.subresource === 'log') return 'log';
    if (target.subresource === 'eviction') return 'evict';
    switch (method) {
      case 'GET':
        return url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1' ? 'watch' : target.name ? 'get' : 'list';
      case 'POST':
        return target.resource.resource === 'selfsubjectaccessreviews' ? 'review' : 'create';
      case 'PUT':
        return 'update';
      case 'PATCH':
        return 'patch';
      case 'DELETE':
        return target.name ? 'delete' : 'deletecollection';
      default:
        return method.toLowerCase();
    }
  }

  #authorized(req: IncomingMessage): boolean {
    return req.headers.authorization === `Bearer ${this.token}`;
  }

  #isDenied(verb: string, resource: string, namespace: string | undefined): DenyRule | undefined {
    return this.denied.find((d) => (d.verb === verb || d.verb === '*') && (d.resource === resource || d.resource === '*') && (d.namespace === undefined || d.namespace === namespace));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.#url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bodyText = chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined;
    const discoveryPath = ['/version', '/api', '/apis'].includes(url.pathname);
    const target = discoveryPath ? 'discovery' : this.#parse(url.pathname);
    const verb = this.#verb(req.method ?? 'GET', target, url);
    const authorized = this.#authorized(req);
    this.#record(req, url, target, verb, authorized, bodyText);
    if (!authorized) return this.#status(res, 401, 'Unauthorized', 'Unauthorized');
    try {
      if (target === 'discovery') return this.#discovery(url.pathname, res);
      if (!target) return this.#status(res, 404, 'NotFound', 'the server could not find the requested resource');
      const rbacVerb = verb === 'log' ? 'get' : verb === 'evict' ? 'create' : verb;
      const rbacResource = target.subresource ? `${target.resource.resource}/${target.subresource}` : target.resource.resource;
      const rule = this.#isDenied(rbacVerb, rbacResource, target.namespace) ?? this.#isDenied(rbacVerb, target.resource.resource, target.namespace);
      if (rule) return this.#status(res, 403, 'Forbidden', `${target.resource.resource}${target.name ? ` "${target.name}"` : ''} is forbidden: User "fake-user" cannot ${rbacVerb} resource "${rbacResource}" in API group "${target.resource.group}"${target.namespace ? ` in the namespace "${target.namespace}"` : ''}`);
      await this.#resource(req, res, url, target, verb, bodyText);
    } catch (error) {
      if (error instanceof SelectorError) return this.#status(res, 400, 'BadRequest', error.message);
      if (error instanceof PatchError) return this.#status(res, error.status, error.status === 400 ? 'BadRequest' : 'Invalid', error.message);
      if (error instanceof ConflictError) return this.#status(res, 409, 'Conflict', error.message);
      this.#status(res, 500, 'InternalError', (error as Error).message);
    }
  }

  #json(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  #status(res: ServerResponse, code: number, reason: string, message: string, details?: Obj): void {
    this.#json(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
  }

  #discovery(path: string, res: ServerResponse): void {
    if (path === '/version') return this.#json(res, 200, { major: '1', minor: '34', gitVersion: 'v1.34.0-fake', platform: 'linux/amd64' });
    if (path === '/api') return this.#json(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (path === '/apis') {
      return this.#json(res, 200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [...groupVersions(this.resources)].map(([name, versions]) => ({
          name,
          versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
          preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
        })),
      });
    }
    const parts = path.split('/').slice(1);
    const [group, version] = parts[0] === 'api' ? ['', parts[1] ?? ''] : [parts[1] ?? '', parts[2] ?? ''];
    if (parts[0] === 'apis' && parts.length === 2) {
      const versions = groupVersions(this.resources).get(group);
      if (!versions) return this.#status(res, 404, 'NotFound', 'the server could not find the requested resource');
      return this.#json(res, 200, { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v })), preferredVersion: { groupVersion: `${group}/${versions[0]}`, version: versions[0] } });
    }
    if (!this.resources.some((r) => r.group === group && r.version === version)) return this.#status(res, 404, 'NotFound', 'the server could not find the requested resource');
    this.#json(res, 200, resourceList(this.resources, group, version));
  }

  // ------------------------------------------------------------------ resources

  async #resource(req: IncomingMessage, res: ServerResponse, url: URL, target: Target, verb: string, bodyText: string | undefined): Promise<void> {
    const { resource, namespace, name, subresource } = target;
    const q = url.searchParams;
    const dryRun = q.get('dryRun') === 'All';
    if (resource.group === 'metrics.k8s.io') return this.#metrics(res, target);
    if (resource.resource === 'selfsubjectaccessreviews' && req.method === 'POST') return this.#review(res, bodyText);
    if (namespace !== undefined && resource.namespaced && !this.store.get(this.resource('', 'namespaces'), undefined, namespace) && req.method !== 'GET') {
      return this.#status(res, 404, 'NotFound', `namespaces "${namespace}" not found`);
    }
    if (subresource === 'log') return this.#log(res, target, q);
    if (subresource === 'eviction' && req.method === 'POST') return this.#evict(res, target, dryRun);
    if (subresource === 'scale') return this.#scale(req, res, target, bodyText);
    if (subresource && subresource !== 'status') return this.#status(res, 400, 'BadRequest', `${subresource} needs a connection upgrade`);
    switch (req.method) {
      case 'GET': {
        if (verb === 'watch') return this.#watch(req, res, target, q);
        if (name) {
          const object = this.store.get(resource, namespace, name);
          if (!object) return this.#notFound(res, resource, name);
          return this.#respondObjects(req, res, resource, [object], q, undefined);
        }
        return this.#list(req, res, target, q);
      }
      case 'POST': {
        const object = this.#body(bodyText);
        if (!object.metadata?.name && object.metadata?.generateName) object.metadata.name = `${object.metadata.generateName}${Math.random().toString(36).slice(2, 7)}`;
        if (!object.metadata?.name) return this.#status(res, 422, 'Invalid', `${resource.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
        const invalid = this.#namespaceMismatch(object, namespace, resource);
        if (invalid) return this.#status(res, 400, 'BadRequest', invalid);
        if (resource.namespaced) object.metadata.namespace = namespace;
        if (this.store.get(resource, namespace, object.metadata.name)) return this.#status(res, 409, 'AlreadyExists', `${resource.resource} "${object.metadata.name}" already exists`, { name: object.metadata.name, kind: resource.resource });
        object.apiVersion ??= resource.group ? `${resource.group}/${resource.version}` : resource.version;
        object.kind ??= resource.kind;
        const stored = this.store.put(resource, object, { dryRun, manager: q.get('fieldManager') ?? 'unknown', operation: 'Update' });
        if (!dryRun) this.#controllers(resource, stored);
        return this.#json(res, 201, stored);
      }
      case 'PUT': {
        if (!name) return this.#status(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
        const live = this.store.get(resource, namespace, name);
        if (!live) return this.#notFound(res, resource, name);
        const object = this.#body(bodyText);
        if (object.metadata?.resourceVersion && object.metadata.resourceVersion !== live.metadata.resourceVersion) return this.#conflict(res, resource, name);
        object.metadata = { ...object.metadata, name, ...(resource.namespaced ? { namespace } : {}) };
        const stored = this.store.put(resource, object, { dryRun, manager: q.get('fieldManager') ?? 'unknown', operation: 'Update', previous: live });
        if (!dryRun) this.#controllers(resource, stored);
        return this.#json(res, 200, stored);
      }
      case 'PATCH': {
        if (!name) return this.#status(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
        return this.#patch(req, res, target, q, bodyText, dryRun);
      }
      case 'DELETE': {
        if (!name) {
          const matches = this.#select(target, q);
          for (const o of matches) this.store.delete(resource, o.metadata.namespace, o.metadata.name, dryRun);
          return this.#json(res, 200, { kind: `${resource.kind}List`, apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version, metadata: {}, items: matches });
        }
        const live = this.store.get(resource, namespace, name);
        if (!live) return this.#notFound(res, resource, name);
        const options = bodyText ? this.#body(bodyText) : {};
        if (options.preconditions?.uid && options.preconditions.uid !== live.metadata.uid) {
          return this.#status(res, 409, 'Conflict', `Operation cannot be fulfilled on ${resource.resource} "${name}": Precondition failed: UID in precondition: ${options.preconditions.uid}, UID in object meta: ${live.metadata.uid}`);
        }
        const deleted = this.store.delete(resource, namespace, name, dryRun || (Array.isArray(options.dryRun) && options.dryRun.includes('All')));
        return this.#json(res, 200, deleted);
      }
      default:
        return this.#status(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
  }

  #body(text: string | undefined): Obj {
    if (!text) throw new PatchError('the request body is empty', 400);
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PatchError('the body is not an object', 400);
      return value as Obj;
    } catch (error) {
      if (error instanceof PatchError) throw error;
      throw new PatchError(`couldn't get version/kind; json parse error: ${(error as Error).message}`, 400);
    }
  }

  #namespaceMismatch(object: Obj, namespace: string | undefined, resource: FakeResource): string | undefined {
    if (resource.namespaced && object.metadata?.namespace !== undefined && object.metadata.namespace !== namespace) return 'the namespace of the provided object does not match the namespace sent on the request';
    return undefined;
  }

  #notFound(res: ServerResponse, resource: FakeResource, name: string): void {
    this.#status(res, 404, 'NotFound', `${resource.resource}${resource.group ? `.${resource.group}` : ''} "${name}" not found`, { name, group: resource.group, kind: resource.resource });
  }

  #conflict(res: ServerResponse, resource: FakeResource, name: string): void {
    this.#status(res, 409, 'Conflict', `Operation cannot be fulfilled on ${resource.resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
  }

  #select(target: Target, q: URLSearchParams): Obj[] {
    const labels = parseLabelSelector(q.get('labelSelector'));
    const fields = parseFieldSelector(q.get('fieldSelector'), target.resource.resource);
    return this.store.sorted(target.resource, target.resource.namespaced ? target.namespace : undefined).filter((o) => labels(o.metadata.labels ?? {}) && fields(o));
  }

  #list(req: IncomingMessage, res: ServerResponse, target: Target, q: URLSearchParams): void {
    const all = this.#select(target, q);
    const limit = Number(q.get('limit') ?? 0);
    let start = 0;
    const token = q.get('continue');
    if (token) {
      let state: { k?: string; rv?: number };
      try {
        state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof state;
      } catch {
        return this.#status(res, 400, 'BadRequest', 'continue key is not valid: illegal base64 data');
      }
      if (typeof state.k !== 'string') return this.#status(res, 400, 'BadRequest', 'continue key is not valid');
      const key = state.k;
      start = all.findIndex((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > key);
      if (start < 0) start = all.length;
    }
    const end = limit > 0 ? Math.min(all.length, start + limit) : all.length;
    const page = all.slice(start, end);
    const last = page[page.length - 1];
    const metadata: Obj = { resourceVersion: String(this.store.resourceVersion) };
    if (end < all.length && last) {
      metadata.continue = Buffer.from(JSON.stringify({ k: `${last.metadata.namespace ?? ''}/${last.metadata.name}`, rv: this.store.resourceVersion })).toString('base64url');
      metadata.remainingItemCount = all.length - end;
    }
    this.#respondObjects(req, res, target.resource, page, q, metadata);
  }

  /** One object or a list, as JSON or (Accept: as=Table) as a Table. */
  #respondObjects(req: IncomingMessage, res: ServerResponse, resource: FakeResource, objects: Obj[], q: URLSearchParams, listMeta: Obj | undefined): void {
    const accept = req.headers.accept ?? '';
    if (accept.includes('as=Table')) return this.#json(res, 200, toTable(resource, objects, q.get('includeObject') ?? 'Metadata', listMeta ?? {}));
    if (!listMeta) return this.#json(res, 200, objects[0]);
    const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
    // Typed lists leave kind and apiVersion out of their items, as the real server does.
    this.#json(res, 200, { kind: `${resource.kind}List`, apiVersion, metadata: listMeta, items: objects.map(({ kind: _k, apiVersion: _a, ...rest }) => rest) });
  }

  #patch(req: IncomingMessage, res: ServerResponse, target: Target, q: URLSearchParams, bodyText: string | undefined, dryRun: boolean): void {
    const { resource, namespace, name } = target as Target & { name: string };
    const type = (req.headers['content-type'] ?? '').split(';')[0];
    const live = this.store.get(resource, namespace, name);
    const manager = q.get('fieldManager');
    if (type === 'application/apply-patch+yaml') {
      if (!manager) return this.#status(res, 400, 'BadRequest', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
      let applied: Obj;
      try {
        applied = parseYaml(bodyText ?? '') as Obj;
      } catch (error) {
        return this.#status(res, 400, 'BadRequest', `error decoding YAML: ${(error as Error).message}`);
      }
      if (!applied?.apiVersion || !applied.kind) return this.#status(res, 400, 'BadRequest', 'apiVersion and kind are required for apply');
      if (applied.metadata?.name !== name) return this.#status(res, 400, 'BadRequest', 'the name of the object does not match the name on the URL');
      const invalid = this.#namespaceMismatch(applied, namespace, resource);
      if (invalid) return this.#status(res, 400, 'BadRequest', invalid);
      const force = q.get('force') === 'true';
      const merged = this.store.apply(resource, live, applied, manager, force);
      this.store.setApplied(applied);
      const stored = this.store.put(resource, merged, { dryRun, manager, operation: 'Apply', previous: live });
      if (!dryRun) this.#controllers(resource, stored);
      return this.#json(res, live ? 200 : 201, stored);
    }
    if (!live) return this.#notFound(res, resource, name);
    let patch: unknown;
    try {
      patch = JSON.parse(bodyText ?? '');
    } catch {
      return this.#status(res, 400, 'BadRequest', 'the patch is not JSON');
    }
    let next: Obj;
    if (type === 'application/merge-patch+json') next = mergePatch(structuredClone(live), patch) as Obj;
    else if (type === 'application/strategic-merge-patch+json') {
      if (resource.group === 'example.com') return this.#status(res, 415, 'UnsupportedMediaType', 'strategic merge patch is not supported for custom resources');
      next = strategicMergePatch(structuredClone(live), patch) as Obj;
    } else if (type === 'application/json-patch+json') next = jsonPatch(live, patch) as Obj;
    else return this.#status(res, 415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`);
    if ((patch as Obj)?.metadata?.resourceVersion && (patch as Obj).metadata.resourceVersion !== live.metadata.resourceVersion) return this.#conflict(res, resource, name);
    next.metadata.name = name;
    if (resource.namespaced) next.metadata.namespace = namespace;
    const stored = this.store.put(resource, next, { dryRun, manager: manager ?? 'unknown', operation: 'Update', previous: live });
    if (!dryRun) this.#controllers(resource, stored);
    this.#json(res, 200, stored);
  }

  #scale(req: IncomingMessage, res: ServerResponse, target: Target, bodyText: string | undefined): void {
    const { resource, namespace, name } = target as Target & { name: string };
    const live = this.store.get(resource, namespace, name);
    if (!live) return this.#notFound(res, resource, name);
    const scale = (o: Obj) => ({ kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name, namespace, resourceVersion: o.metadata.resourceVersion, uid: o.metadata.uid }, spec: { replicas: o.spec?.replicas ?? 1 }, status: { replicas: o.status?.replicas ?? 0 } });
    if (req.method === 'GET') return this.#json(res, 200, scale(live));
    if (req.method !== 'PATCH' && req.method !== 'PUT') return this.#status(res, 405, 'MethodNotAllowed', 'scale takes GET, PUT and PATCH');
    const body = this.#body(bodyText);
    const replicas = body.spec?.replicas;
    if (!Number.isInteger(replicas) || replicas < 0) return this.#status(res, 422, 'Invalid', `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: must be greater than or equal to 0`);
    const stored = this.store.put(resource, { ...structuredClone(live), spec: { ...live.spec, replicas } }, { manager: new URL(req.url ?? '/', this.#url).searchParams.get('fieldManager') ?? 'unknown', operation: 'Update', previous: live });
    this.#controllers(resource, stored);
    this.#json(res, 200, scale(stored));
  }

  #evict(res: ServerResponse, target: Target, dryRun: boolean): void {
    const { namespace, name } = target as Target & { name: string };
    const pods = this.resource('', 'pods');
    if (!this.store.get(pods, namespace, name)) return this.#notFound(res, pods, name);
    if (this.evictionBlocks > 0) {
      this.evictionBlocks--;
      return this.#status(res, 429, 'TooManyRequests', 'Cannot evict pod as it would violate the pod\'s disruption budget.', { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget needs 1 healthy pods and has 1 currently' }] });
    }
    this.store.delete(pods, namespace, name, dryRun);
    this.#json(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }

  #review(res: ServerResponse, bodyText: string | undefined): void {
    const review = this.#body(bodyText);
    const attrs = review.spec?.resourceAttributes ?? {};
    const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
    const rule = this.#isDenied(attrs.verb, resource, attrs.namespace) ?? this.#isDenied(attrs.verb, attrs.resource, attrs.namespace);
    this.#json(res, 201, { ...review, status: { allowed: !rule, ...(rule ? { reason: `RBAC: user "fake-user" may not ${attrs.verb} ${resource}` } : {}) } });
  }

  #metrics(res: ServerResponse, target: Target): void {
    const pods = this.resource('', 'pods');
    if (target.resource.resource === 'nodes') {
      const nodes = this.store.sorted(this.resource('', 'nodes'), undefined);
      return this.#json(res, 200, { kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: nodes.map((n, i) => ({ metadata: { name: n.metadata.name }, timestamp: new Date().toISOString(), window: '10s', usage: { cpu: `${(i + 1) * 150}m`, memory: `${(i + 1) * 512}Mi` } })) });
    }
    const items = this.store.sorted(pods, target.namespace).map((p, i) => ({
      metadata: { name: p.metadata.name, namespace: p.metadata.namespace, labels: p.metadata.labels },
      timestamp: new Date().toISOString(),
      window: '10s',
      containers: (p.spec?.containers ?? []).map((c: Obj) => ({ name: c.name, usage: { cpu: `${((i % 7) + 1) * 1_000_000}n`, memory: `${((i % 5) + 1) * 16384}Ki` } })),
    }));
    this.#json(res, 200, { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
  }

  #log(res: ServerResponse, target: Target, q: URLSearchParams): void {
    const { namespace, name } = target as Target & { name: string };
    const pods = this.resource('', 'pods');
    const pod = this.store.get(pods, namespace, name);
    if (!pod) return this.#notFound(res, pods, name);
    const containers: string[] = (pod.spec?.containers ?? []).map((c: Obj) => c.name);
    const container = q.get('container');
    if (!container && containers.length > 1) return this.#status(res, 400, 'BadRequest', `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
    if (container && !containers.includes(container)) return this.#status(res, 400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
    const logs = this.#logs.get(`${namespace}/${name}`) ?? { current: Buffer.alloc(0) };
    let text = q.get('previous') === 'true' ? logs.previous : logs.current;
    if (!text) return this.#status(res, 400, 'BadRequest', `previous terminated container "${container ?? containers[0]}" in pod "${name}" not found`);
    const tail = q.get('tailLines');
    if (tail !== null) {
      const n = Number(tail);
      let index = text.length;
      if (text[index - 1] === 0x0a) index--;
      for (let seen = 0; seen < n && index > 0; ) {
        index = text.lastIndexOf(0x0a, index - 1);
        if (index < 0) {
          index = 0;
          break;
        }
        seen++;
        if (seen === n) index++;
      }
      text = text.subarray(index);
    }
    const limit = q.get('limitBytes');
    if (limit !== null) text = text.subarray(0, Number(limit));
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
    const write = (offset: number) => {
      while (offset < text!.length) {
        const chunk = text!.subarray(offset, offset + 65_536);
        offset += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', () => write(offset));
          return;
        }
      }
      res.end();
    };
    write(0);
  }

  #watch(req: IncomingMessage, res: ServerResponse, target: Target, q: URLSearchParams): void {
    const labels = parseLabelSelector(q.get('labelSelector'));
    const fields = parseFieldSelector(q.get('fieldSelector'), target.resource.resource);
    const key = Store.key(target.resource);
    const matches = (o: Obj) => (!target.resource.namespaced || target.namespace === undefined || o.metadata.namespace === target.namespace) && labels(o.metadata.labels ?? {}) && fields(o);
    // Headers go out at once: client-go and client-node informers wait for them.
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    const send = (type: string, object: Obj) => res.write(`${JSON.stringify({ type, object })}\n`);
    const rv = q.get('resourceVersion');
    if (!rv || rv === '0') {
      for (const o of this.store.sorted(target.resource, target.resource.namespaced ? target.namespace : undefined)) if (matches(o)) send('ADDED', o);
    } else {
      const since = Number(rv);
      const oldest = this.store.history[0]?.rv ?? this.store.resourceVersion;
      if (since < oldest - 1) {
        send('ERROR', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${since} (${oldest})`, reason: 'Expired', code: 410 });
        res.end();
        return;
      }
      for (const change of this.store.history) if (change.rv > since && change.key === key && matches(change.object)) send(change.type, change.object);
    }
    const onChange = (change: Change) => {
      if (change.key === key && matches(change.object)) send(change.type, change.object);
    };
    this.store.changes.on('change', onChange);
    const timeout = Number(q.get('timeoutSeconds') ?? 1800);
    const timer = setTimeout(() => res.end(), timeout * 1000);
    this.#timers.add(timer);
    const stop = () => {
      clearTimeout(timer);
      this.#timers.delete(timer);
      this.store.changes.off('change', onChange);
    };
    res.on('close', stop);
    req.on('close', stop);
  }

  #upgrade(wss: WebSocketServer, req: IncomingMessage, socket: import('node:net').Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.#url);
    const target = this.#parse(url.pathname);
    const verb = this.#verb(req.method ?? 'GET', target, url);
    const authorized = this.#authorized(req);
    this.#record(req, url, target, verb, authorized);
    const reject = (code: number, reason: string, message: string) => {
      const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
      socket.end(`HTTP/1.1 ${code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    };
    if (!authorized) return reject(401, 'Unauthorized', 'Unauthorized');
    if (!target || target === 'discovery' || target.subresource !== 'exec' || !target.name) return reject(400, 'BadRequest', 'only pods/exec takes a WebSocket here');
    if (this.#isDenied('create', 'pods/exec', target.namespace)) return reject(403, 'Forbidden', `pods "${target.name}" is forbidden: User "fake-user" cannot create resource "pods/exec" in API group "" in the namespace "${target.namespace}"`);
    const pod = this.store.get(target.resource, target.namespace, target.name);
    if (!pod) return reject(404, 'NotFound', `pods "${target.name}" not found`);
    const containers: string[] = (pod.spec?.containers ?? []).map((c: Obj) => c.name);
    const container = url.searchParams.get('container') ?? containers[0];
    if (!container || !containers.includes(container)) return reject(400, 'BadRequest', `container ${container} is not valid for pod ${target.name}`);
    const argv = url.searchParams.getAll('command');
    if (argv.length === 0) return reject(400, 'BadRequest', 'you must specify at least 1 command');
    wss.handleUpgrade(req, socket, head, (ws) => void serveExec(ws, argv, url.searchParams.get('stdin') === 'true', this.programs));
  }

  // ------------------------------------------------------------------ controllers

  /** What the controllers would do after a write: workloads report their rollout, namespaces are Active. */
  #controllers(resource: FakeResource, object: Obj): void {
    if (resource.group !== 'apps' || !['deployments', 'statefulsets', 'daemonsets', 'replicasets'].includes(resource.resource)) return;
    const { name, namespace, generation } = object.metadata;
    if (object.status?.observedGeneration === generation && object.status?.updatedReplicas === (object.spec?.replicas ?? 1)) return;
    const replicas = object.spec?.replicas ?? 1;
    const done = resource.resource === 'daemonsets'
      ? { observedGeneration: generation, desiredNumberScheduled: 1, currentNumberScheduled: 1, updatedNumberScheduled: 1, numberReady: 1, numberAvailable: 1 }
      : { observedGeneration: generation, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, ...(resource.resource === 'statefulsets' ? { currentReplicas: replicas, updateRevision: `${name}-${generation}` } : {}), conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] };
    const finish = () => {
      const live = this.store.get(resource, namespace, name);
      if (!live || live.metadata.generation !== generation) return;
      this.store.put(resource, { ...structuredClone(live), status: done }, { previous: live });
    };
    if (this.rolloutDelayMs === 0) {
      finish();
      return;
    }
    const live = this.store.get(resource, namespace, name);
    if (live) this.store.put(resource, { ...structuredClone(live), status: { ...(live.status ?? {}), observedGeneration: generation, updatedReplicas: 0, replicas, readyReplicas: live.status?.readyReplicas ?? 0, availableReplicas: live.status?.availableReplicas ?? 0 } }, { previous: live });
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      finish();
    }, this.rolloutDelayMs);
    this.#timers.add(timer);
  }
}
