import { ToolError } from '@mcpctl/toolkit/base';
import { K8sErrorCode } from '../tool-errors.js';
import type { ResourceFacts } from './filter.js';

/**
 * The API server's resource catalog (legacy discovery: /api, /apis and each
 * group version), cached per context and refreshed when a kind is not found
 * (a CRD installed since) or after `maxAgeMs`. Resolves what users type —
 * `Pod`, `pods`, `po`, `deployments.apps`, `Widget` with `apiVersion` — to
 * one group/version/resource.
 */

export interface ApiResource {
  group: string;
  version: string;
  /** Plural resource name (the path segment). */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  singularName: string;
  categories: string[];
  /** The group's preferred version. */
  preferred: boolean;
  /** Subresources (status, scale, log, exec…). */
  subresources: string[];
}

export type DiscoveryGet = (path: string) => Promise<unknown>;

interface ResourceList {
  groupVersion?: string;
  resources?: Array<{ name: string; kind: string; namespaced: boolean; verbs?: string[]; shortNames?: string[]; singularName?: string; categories?: string[] }>;
}

interface GroupList {
  groups?: Array<{ name: string; versions?: Array<{ groupVersion: string; version: string }>; preferredVersion?: { version: string } }>;
}

export class Discovery {
  readonly #get: DiscoveryGet;
  readonly #maxAgeMs: number;
  #catalog: Promise<ApiResource[]> | undefined;
  #loadedAt = 0;

  constructor(get: DiscoveryGet, maxAgeMs = 5 * 60_000) {
    this.#get = get;
    this.#maxAgeMs = maxAgeMs;
  }

  async resources(refresh = false): Promise<ApiResource[]> {
    if (refresh || !this.#catalog || Date.now() - this.#loadedAt > this.#maxAgeMs) {
      this.#loadedAt = Date.now();
      const loading = this.#load();
      this.#catalog = loading;
      loading.catch(() => {
        if (this.#catalog === loading) this.#catalog = undefined;
      });
    }
    return this.#catalog;
  }

  /** Facts for the request filter: kind and scope of a group/version/resource (refreshing once on a miss). */
  async facts(group: string, version: string, resource: string): Promise<ResourceFacts | undefined> {
    const find = (all: ApiResource[]) => all.find((r) => r.group === group && r.version === version && r.resource === resource);
    const found = find(await this.resources()) ?? find(await this.resources(true));
    return found ? { kind: found.kind, namespaced: found.namespaced } : undefined;
  }

  /** Whether a group is served at all (metrics.k8s.io for top). */
  async hasGroup(group: string): Promise<boolean> {
    return (await this.resources()).some((r) => r.group === group);
  }

  /**
   * Resolve a kind as users write it. `apiVersion` ("apps/v1", "v1") narrows
   * it; otherwise the preferred version wins, and the core and built-in
   * groups win over CRDs with the same kind.
   */
  async resolve(kind: string, apiVersion?: string): Promise<ApiResource> {
    const match = (all: ApiResource[]) => pick(all, kind, apiVersion);
    const found = match(await this.resources()) ?? match(await this.resources(true));
    if (!found) {
      throw new ToolError(K8sErrorCode.UNKNOWN_KIND, `The API server has no resource "${kind}"${apiVersion ? ` in ${apiVersion}` : ''}`, {
        hint: 'Use api_resources to see the kinds this cluster serves (a kind like Pod, a plural like pods, or a short name like po).',
        details: { kind, apiVersion },
      });
    }
    return found;
  }

  async #load(): Promise<ApiResource[]> {
    const core = (await this.#get('/api/v1')) as ResourceList;
    const groups = (await this.#get('/apis')) as GroupList;
    const lists: Array<Promise<ApiResource[]>> = [Promise.resolve(toResources(core, '', 'v1', true))];
    for (const group of groups.groups ?? []) {
      for (const version of group.versions ?? []) {
        const preferred = group.preferredVersion?.version === version.version;
        lists.push(
          (this.#get(`/apis/${group.name}/${version.version}`) as Promise<ResourceList>)
            .then((list) => toResources(list, group.name, version.version, preferred))
            // An aggregated API that is down (a broken metrics-server) must not hide the rest.
            .catch(() => []),
        );
      }
    }
    return (await Promise.all(lists)).flat();
  }
}

function toResources(list: ResourceList, group: string, version: string, preferred: boolean): ApiResource[] {
  const all = list.resources ?? [];
  const subresources = new Map<string, string[]>();
  for (const r of all) {
    const slash = r.name.indexOf('/');
    if (slash > 0) subresources.set(r.name.slice(0, slash), [...(subresources.get(r.name.slice(0, slash)) ?? []), r.name.slice(slash + 1)]);
  }
  return all
    .filter((r) => !r.name.includes('/'))
    .map((r) => ({
      group,
      version,
      resource: r.name,
      kind: r.kind,
      namespaced: r.namespaced,
      verbs: r.verbs ?? [],
      shortNames: r.shortNames ?? [],
      singularName: r.singularName || r.kind.toLowerCase(),
      categories: r.categories ?? [],
      preferred,
      subresources: subresources.get(r.name) ?? [],
    }));
}

function pick(all: ApiResource[], kind: string, apiVersion: string | undefined): ApiResource | undefined {
  let name = kind.trim();
  let group: string | undefined;
  let version: string | undefined;
  if (apiVersion) {
    const slash = apiVersion.indexOf('/');
    group = slash >= 0 ? apiVersion.slice(0, slash) : '';
    version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  } else {
    // "deployments.apps", "Deployment.apps", "widgets.example.com"
    const dot = name.indexOf('.');
    if (dot > 0) {
      group = name.slice(dot + 1);
      name = name.slice(0, dot);
    }
  }
  const lower = name.toLowerCase();
  const candidates = all.filter(
    (r) =>
      (group === undefined || r.group === group) &&
      (version === undefined || r.version === version) &&
      (r.kind.toLowerCase() === lower || r.resource === lower || r.singularName === lower || r.shortNames.includes(lower)),
  );
  const rank = (r: ApiResource) => (r.preferred ? 0 : 2) + (r.group === '' || !r.group.includes('.') || r.group.endsWith('.k8s.io') ? 0 : 1);
  return candidates.sort((a, b) => rank(a) - rank(b))[0];
}
