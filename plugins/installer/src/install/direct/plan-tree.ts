import { checkPlatform } from 'npm-install-checks';
import semver from 'semver';
import { describeFetchError, pickVersion, type Packument, type PackumentVersion } from '../../registry/packument.js';
import { byCodeUnits } from './order.js';

/** One package of a planned tree, at the place it will be unpacked. */
export interface PlannedPackage {
  name: string;
  version: string;
  /** Relative to the staging root: `node_modules/a`, `node_modules/a/node_modules/b`. */
  location: string;
  /** The registry's abbreviated document entry for this version (dist, bin, dependencies). */
  manifest: PackumentVersion;
  /** Reached only through optional dependencies. */
  optional: boolean;
  /** Placed to satisfy a peer dependency. */
  peer: boolean;
}

export interface PlanInput {
  plugin: { name: string; version: string };
  /** The abbreviated registry document of a package. */
  packument(name: string): Promise<Packument>;
  /** Satisfied by the running mcpctl (through the plugin folder's links): never planned. */
  shared: readonly string[];
  /** Versions an earlier install put at each location (from its lockfile): kept where they still fit. */
  pinned?: ReadonlyMap<string, string>;
}

/**
 * What this planner does not do and npm's engine does: a dependency given
 * as an alias, a git, URL or file spec, or a peer dependency that conflicts
 * with the package placed beside it (arborist may find another layout, or
 * explains the conflict). The direct installer hands such trees to arborist.
 */
export class NeedsFullEngine extends Error {}

/** A dependency no version satisfies, or a package this platform cannot run. */
export class UnresolvableDependency extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

interface Node extends PlannedPackage {
  /** For each dependency name: the location it resolves to from here. */
  edges: Map<string, string>;
}

type EdgeKind = 'dependency' | 'optional' | 'peer';

/**
 * Plans the node_modules tree npm would build for one plugin, level by level
 * (breadth first, each level's documents fetched in parallel): every
 * dependency is reused where Node would find it and it satisfies the range,
 * otherwise placed as high as it goes — the highest directory between the
 * dependent and the first conflicting copy where it shadows no package that
 * already resolves that name from further up. A peer dependency is placed
 * beside its dependent or higher, so that both see one copy. Optional
 * dependencies that cannot be resolved, or whose `os`/`cpu`/`libc` exclude
 * this machine, are left out; bundled ones come inside their dependent's
 * tarball.
 */
export async function planTree(input: PlanInput): Promise<PlannedPackage[]> {
  const nodes = new Map<string, Node>();
  const pluginDocument = await input.packument(input.plugin.name);
  const pluginManifest = pluginDocument.versions[input.plugin.version];
  if (!pluginManifest) throw new UnresolvableDependency(`${input.plugin.name}@${input.plugin.version} is not in the registry's document`, 'ETARGET');
  const root = place(nodes, input.plugin.name, `node_modules/${input.plugin.name}`, pluginManifest, false, false);

  const dropped: string[] = [];
  const isDropped = (location: string) => dropped.some((gone) => location === gone || location.startsWith(`${gone}/node_modules/`));
  let level: Node[] = [root];
  while (level.length > 0) {
    const next: Node[] = [];
    const wanted = level.map((node) => ({ node, edges: edgesOf(node, input.shared) }));
    // Fetch every document this level needs at once; failures surface where they matter.
    await Promise.all(wanted.flatMap(({ edges }) => edges.map(({ name }) => input.packument(name).catch(() => undefined))));
    for (const { node, edges } of wanted) {
      try {
        for (const edge of edges) {
          const added = await resolveEdge(nodes, node, edge, input);
          if (added) next.push(added);
        }
      } catch (error) {
        // An optional package that cannot be installed is left out, with what is nested in it (as npm does).
        if (!node.optional || !(error instanceof UnresolvableDependency)) throw error;
        dropped.push(node.location);
      }
    }
    level = next.filter((node) => !isDropped(node.location)).sort((a, b) => byCodeUnits(a.location, b.location));
  }
  return [...nodes.values()].filter((node) => !isDropped(node.location)).map(({ edges: _edges, ...planned }) => planned);
}

interface Edge {
  name: string;
  spec: string;
  kind: EdgeKind;
}

/** A package's dependencies, optional dependencies and required peers, by name; shared and bundled ones left out. */
function edgesOf(node: Node, shared: readonly string[]): Edge[] {
  const { manifest } = node;
  const bundled = new Set(Array.isArray(manifest.bundleDependencies) ? manifest.bundleDependencies : manifest.bundleDependencies === true ? Object.keys(manifest.dependencies ?? {}) : []);
  const edges = new Map<string, Edge>();
  for (const [name, spec] of Object.entries(manifest.dependencies ?? {})) edges.set(name, { name, spec, kind: 'dependency' });
  for (const [name, spec] of Object.entries(manifest.optionalDependencies ?? {})) edges.set(name, { name, spec, kind: 'optional' });
  for (const [name, spec] of Object.entries(manifest.peerDependencies ?? {})) {
    if (manifest.peerDependenciesMeta?.[name]?.optional || edges.has(name)) continue;
    edges.set(name, { name, spec, kind: 'peer' });
  }
  return [...edges.values()].filter((edge) => !shared.includes(edge.name) && !bundled.has(edge.name)).sort((a, b) => byCodeUnits(a.name, b.name));
}

/**
 * What npm accepts as a package name (old packages' capitals included). A
 * name becomes a path under node_modules, so nothing else is planned: a
 * document naming `../x` as a dependency must not write outside the store.
 */
const PACKAGE_NAME = /^(?:@[a-z0-9~][\w.~-]*\/)?[a-z0-9~][\w.~-]*$/i;

async function resolveEdge(nodes: Map<string, Node>, from: Node, edge: Edge, input: PlanInput): Promise<Node | undefined> {
  if (!PACKAGE_NAME.test(edge.name)) throw new UnresolvableDependency(`${label(from)} depends on ${JSON.stringify(edge.name)}, which is not a valid package name`, 'EINVALIDPACKAGENAME');
  const spec = normalizedSpec(from, edge);
  // The directories whose node_modules Node searches, nearest first; a peer starts beside its dependent.
  const chain = directoryChain(edge.kind === 'peer' ? parentDirectory(from.location) : from.location);
  let packument: Packument | undefined;
  let highest = chain.length - 1;
  for (let index = 0; index < chain.length; index += 1) {
    const existing = nodes.get(locationIn(chain[index]!, edge.name));
    if (!existing) continue;
    packument ??= await input.packument(edge.name).catch(() => undefined);
    if (accepts(existing.version, spec, packument)) {
      from.edges.set(edge.name, existing.location);
      if (!(edge.kind === 'optional' || from.optional)) clearOptional(nodes, existing);
      return undefined;
    }
    if (index === 0) {
      if (edge.kind === 'peer') throw new NeedsFullEngine(`${label(from)} needs the peer ${edge.name}@${spec}, but ${label(existing)} is placed beside it`);
      throw new NeedsFullEngine(`${label(from)} needs ${edge.name}@${spec}, but ${label(existing)} is already in its node_modules`);
    }
    highest = index - 1;
    break;
  }

  let document: Packument;
  try {
    document = packument ?? (await input.packument(edge.name));
  } catch (error) {
    if (edge.kind === 'optional') return undefined;
    throw new UnresolvableDependency(`${label(from)} depends on ${edge.name}@${spec}: ${describeFetchError(error)}`, (error as { code?: string }).code ?? 'EFETCH');
  }
  let index = highest;
  while (index > 0 && shadows(nodes, chain[index]!, edge.name)) index -= 1;
  // Beside its dependent is the lowest a peer may go.
  if (edge.kind === 'peer' && index === 0 && shadows(nodes, chain[0]!, edge.name)) throw new NeedsFullEngine(`${label(from)} needs the peer ${edge.name}@${spec}, and no place beside it leaves the packages there as they resolve`);
  const location = locationIn(chain[index]!, edge.name);
  const manifest = chooseVersion(document, spec, input.pinned?.get(location), from, edge);
  if (!manifest) return undefined;
  const node = place(nodes, edge.name, location, manifest, edge.kind === 'optional' || from.optional, edge.kind === 'peer');
  from.edges.set(edge.name, location);
  return node;
}

/** The version to place: the pinned one while it still fits, else the one npm would pick. Undefined: an optional dependency left out. */
function chooseVersion(document: Packument, spec: string, pinned: string | undefined, from: Node, edge: Edge): PackumentVersion | undefined {
  const optional = edge.kind === 'optional';
  let manifest: PackumentVersion | undefined;
  if (pinned && document.versions[pinned] && accepts(pinned, spec, document)) manifest = document.versions[pinned];
  else {
    try {
      manifest = pickVersion(document, spec);
    } catch (error) {
      if (optional) return undefined;
      const published = Object.keys(document.versions).sort(semver.rcompare).slice(0, 8).join(', ') || 'none';
      throw new UnresolvableDependency(`${label(from)} depends on ${edge.name}@${spec}, and no published version matches (published: ${published})`, (error as { code?: string }).code ?? 'ETARGET');
    }
  }
  try {
    checkPlatform(manifest);
  } catch {
    if (optional) return undefined;
    throw new UnresolvableDependency(`${edge.name}@${manifest.version} (needed by ${label(from)}) does not run on ${process.platform}/${process.arch} (os ${JSON.stringify(manifest.os ?? [])}, cpu ${JSON.stringify(manifest.cpu ?? [])})`, 'EBADPLATFORM');
  }
  return manifest;
}

/** Registry specs only: a semver range, an exact version or a dist-tag. */
function normalizedSpec(from: Node, edge: Edge): string {
  const spec = edge.spec.trim() || '*';
  if (semver.validRange(spec, { loose: true }) !== null) return spec;
  if (/^[A-Za-z][\w.-]*$/.test(spec)) return spec;
  throw new NeedsFullEngine(`${label(from)} depends on ${edge.name}@${edge.spec}, which is not a registry version range`);
}

/** Does a placed version satisfy the spec (a range, or a dist-tag of the package)? */
function accepts(version: string, spec: string, packument: Packument | undefined): boolean {
  if (semver.validRange(spec, { loose: true }) !== null) return semver.satisfies(version, spec, { loose: true });
  return packument?.['dist-tags'][spec] === version;
}

/**
 * Would a copy of `name` in this directory's node_modules change what an
 * already placed package resolves? It would for any package that searches
 * this directory (it lives here or below) and found `name` further up.
 */
function shadows(nodes: Map<string, Node>, directory: string, name: string): boolean {
  const below = directory === '' ? 'node_modules/' : `${directory}/node_modules/`;
  for (const node of nodes.values()) {
    if (node.location !== directory && !node.location.startsWith(below)) continue;
    const target = node.edges.get(name);
    if (target !== undefined && !target.startsWith(below)) return true;
  }
  return false;
}

/** A package reached by a required edge is required, and so is everything below it that was optional only through it. */
function clearOptional(nodes: Map<string, Node>, node: Node): void {
  if (!node.optional) return;
  node.optional = false;
  for (const target of node.edges.values()) {
    const child = nodes.get(target);
    if (child) clearOptional(nodes, child);
  }
}

function place(nodes: Map<string, Node>, name: string, location: string, manifest: PackumentVersion, optional: boolean, peer: boolean): Node {
  const node: Node = { name, version: manifest.version, location, manifest, optional, peer, edges: new Map() };
  nodes.set(location, node);
  return node;
}

/** `node_modules/a/node_modules/b` → [it, `node_modules/a`, ''] (the staging root is ''). */
function directoryChain(location: string): string[] {
  const chain: string[] = [];
  for (let directory = location; ; directory = parentDirectory(directory)) {
    chain.push(directory);
    if (directory === '') return chain;
  }
}

/** The package directory whose node_modules holds this location ('' for the staging root). */
function parentDirectory(location: string): string {
  const index = location.lastIndexOf('/node_modules/');
  return index === -1 ? '' : location.slice(0, index);
}

function locationIn(directory: string, name: string): string {
  return directory === '' ? `node_modules/${name}` : `${directory}/node_modules/${name}`;
}

function label(node: PlannedPackage): string {
  return `${node.name}@${node.version}`;
}
