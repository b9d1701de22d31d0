import { ToolError } from '@mcpctl/toolkit/base';
import { KubeClient } from './api/client.js';
import { Discovery } from './api/discovery.js';
import { RequestFilter } from './api/filter.js';
import type { ApiResource } from './api/discovery.js';
import { KubeTransport } from './api/transport.js';
import { loadContexts, type ContextInfo } from './kubeconfig.js';
import type { K8sOptions } from './options.js';
import { Redactor } from './redact.js';
import { K8sErrorCode } from './tool-errors.js';

/**
 * The contexts one `type: k8s` entry may use, each with its own transport
 * (one connection pool), discovery cache and request filter, all sharing the
 * entry's policy and one redactor.
 */
export class Cluster {
  readonly options: K8sOptions;
  readonly serverName: string;
  readonly redactor: Redactor;
  readonly defaultContext: string;
  readonly source: string;
  readonly #clients = new Map<string, KubeClient>();

  constructor(options: K8sOptions, serverName: string) {
    this.options = options;
    this.serverName = serverName;
    this.redactor = new Redactor();
    const loaded = loadContexts(options, serverName, this.redactor);
    this.defaultContext = loaded.defaultContext;
    this.source = loaded.source;
    const namespaces = options.namespaces ? new Set(options.namespaces) : undefined;
    for (const [name, { info, config }] of loaded.contexts) {
      let discovery: Discovery | undefined;
      const filter = new RequestFilter(
        { access: options.access, namespaces, secrets: options.secrets, denied: options.deniedResources, serverName },
        (group, version, resource) => (discovery as Discovery).facts(group, version, resource),
      );
      const transport = new KubeTransport({ contextName: name, server: info.server, config, filter, redactor: this.redactor, timeoutMs: options.requestTimeoutMs });
      discovery = new Discovery((path) => transport.json({ method: 'GET', path }));
      this.#clients.set(name, new KubeClient(info, transport, discovery));
    }
  }

  get contexts(): ContextInfo[] {
    return [...this.#clients.values()].map((client) => client.info);
  }

  /** Whether tools take a `context` argument (more than one context is allowed). */
  get multiContext(): boolean {
    return this.#clients.size > 1;
  }

  client(context: string | undefined): KubeClient {
    const name = context ?? this.defaultContext;
    const client = this.#clients.get(name);
    if (!client) {
      throw new ToolError(K8sErrorCode.UNKNOWN_CONTEXT, `Context ${JSON.stringify(name)} is not one this server may use`, {
        hint: `Use one of: ${[...this.#clients.keys()].join(', ')} (list_contexts), or add it to \`contexts\` on servers.${this.serverName}.`,
        details: { context: name },
      });
    }
    return client;
  }

  /** The allowed namespaces, or undefined for every namespace. */
  get allowedNamespaces(): string[] | undefined {
    return this.options.namespaces;
  }

  /**
   * The namespace a call without one means: the context's namespace when it is allowed,
   * else the first allowed namespace, else "default".
   */
  defaultNamespace(client: KubeClient): string {
    const allowed = this.options.namespaces;
    const fromContext = client.info.namespace;
    if (fromContext && (!allowed || allowed.includes(fromContext))) return fromContext;
    return allowed?.[0] ?? 'default';
  }

  /** The namespace for a request on one object (undefined for cluster-scoped kinds). */
  namespaceFor(client: KubeClient, resource: ApiResource, namespace: string | undefined): string | undefined {
    if (!resource.namespaced) return undefined;
    return namespace ?? this.defaultNamespace(client);
  }

  /**
   * Namespaces a list covers: one, or — for allNamespaces — undefined (one
   * cluster-wide request) when every namespace is allowed, else each allowed one.
   */
  listScopes(client: KubeClient, resource: ApiResource, namespace: string | undefined, allNamespaces: boolean | undefined): Array<string | undefined> {
    if (!resource.namespaced) return [undefined];
    if (namespace !== undefined) return [namespace];
    if (allNamespaces) return this.options.namespaces ? [...this.options.namespaces] : [undefined];
    return [this.defaultNamespace(client)];
  }

  /** Close every context's connection pool. */
  async close(): Promise<void> {
    await Promise.all([...this.#clients.values()].map((client) => client.transport.close()));
  }

  /** True when the entry hides this kind from every tool (denied, or Secrets while hidden). */
  hides(resource: ApiResource): boolean {
    if (resource.group === '' && resource.resource === 'secrets' && this.options.secrets === 'hidden') return true;
    return this.#clients.values().next().value?.transport.filter.isDenied(resource.group, resource.version, resource.kind) ?? false;
  }
}
