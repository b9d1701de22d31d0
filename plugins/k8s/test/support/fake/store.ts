import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { FakeResource } from './catalog.js';
import { fieldsV1, leafPaths, removePath, valueAtPath } from './patches.js';

/**
 * The fake API server's objects: one map per resource, a global
 * resourceVersion, a history of changes for watches that resume, and the
 * field ownership server-side apply keeps (managedFields).
 */

type Obj = Record<string, any>;

export interface Change {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  key: string;
  object: Obj;
  rv: number;
}

export class ConflictError extends Error {
  readonly conflicts: string[];

  constructor(message: string, conflicts: string[]) {
    super(message);
    this.conflicts = conflicts;
  }
}

const HISTORY = 20_000;

export class Store {
  #rv = 1000;
  readonly #maps = new Map<string, Map<string, Obj>>();
  readonly #sorted = new Map<string, Obj[]>();
  /** uid → manager|operation → owned leaf paths. */
  readonly #owners = new Map<string, Map<string, Set<string>>>();
  readonly history: Change[] = [];
  readonly changes = new EventEmitter();

  constructor() {
    this.changes.setMaxListeners(0);
  }

  get resourceVersion(): number {
    return this.#rv;
  }

  static key(resource: FakeResource): string {
    return `${resource.group}/${resource.resource}`;
  }

  #map(resource: FakeResource): Map<string, Obj> {
    const key = Store.key(resource);
    let map = this.#maps.get(key);
    if (!map) this.#maps.set(key, (map = new Map()));
    return map;
  }

  /** Objects of a resource sorted by namespace and name (the API server's list order). */
  sorted(resource: FakeResource, namespace: string | undefined): Obj[] {
    const key = Store.key(resource);
    let all = this.#sorted.get(key);
    if (!all) {
      all = [...this.#map(resource).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o);
      this.#sorted.set(key, all);
    }
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  get(resource: FakeResource, namespace: string | undefined, name: string): Obj | undefined {
    return this.#map(resource).get(`${namespace ?? ''}/${name}`);
  }

  /** Store an object (new or replacing), stamping resourceVersion, uid and managedFields; returns it. */
  put(resource: FakeResource, object: Obj, options: { dryRun?: boolean; manager?: string; operation?: 'Apply' | 'Update'; previous?: Obj } = {}): Obj {
    const map = this.#map(resource);
    const key = `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    const previous = options.previous ?? map.get(key);
    const meta = object.metadata;
    meta.uid = previous?.metadata.uid ?? meta.uid ?? randomUUID();
    meta.creationTimestamp = previous?.metadata.creationTimestamp ?? meta.creationTimestamp ?? new Date().toISOString();
    const specChanged = JSON.stringify(previous?.spec) !== JSON.stringify(object.spec);
    meta.generation = previous ? (previous.metadata.generation ?? 1) + (specChanged ? 1 : 0) : 1;
    if (options.manager) this.#recordOwnership(meta.uid, object, previous, options.manager, options.operation ?? 'Update', options.dryRun);
    meta.managedFields = this.#managedFields(meta.uid, object);
    if (options.dryRun) {
      meta.resourceVersion = previous?.metadata.resourceVersion ?? String(this.#rv);
      return structuredClone(object);
    }
    meta.resourceVersion = String(++this.#rv);
    map.set(key, object);
    this.#sorted.delete(Store.key(resource));
    this.#emit(previous ? 'MODIFIED' : 'ADDED', resource, object);
    return structuredClone(object);
  }

  delete(resource: FakeResource, namespace: string | undefined, name: string, dryRun = false): Obj | undefined {
    const map = this.#map(resource);
    const key = `${namespace ?? ''}/${name}`;
    const object = map.get(key);
    if (!object || dryRun) return object ? structuredClone(object) : undefined;
    map.delete(key);
    this.#owners.delete(object.metadata.uid);
    this.#sorted.delete(Store.key(resource));
    object.metadata.resourceVersion = String(++this.#rv);
    this.#emit('DELETED', resource, object);
    return structuredClone(object);
  }

  /**
   * Server-side apply of `applied` by `manager`: conflicts with fields another
   * manager set to other values (unless force), merge, and drop fields this
   * manager applied before but no longer does.
   */
  apply(resource: FakeResource, live: Obj | undefined, applied: Obj, manager: string, force: boolean): Obj {
    const paths = leafPaths(applied);
    const uid = live?.metadata.uid;
    if (live && uid && !force) {
      const conflicts: string[] = [];
      for (const [owner, owned] of this.#owners.get(uid) ?? []) {
        if (owner.startsWith(`${manager}|`)) continue;
        for (const [path, value] of paths) if (owned.has(path) && valueAtPath(live, path) !== value) conflicts.push(`.${path} (owned by "${owner.split('|')[0]}")`);
      }
      if (conflicts.length > 0) throw new ConflictError(`Apply failed with ${conflicts.length} conflict${conflicts.length > 1 ? 's' : ''}: conflict with ${conflicts.join(', ')}`, conflicts);
    }
    const merged: Obj = structuredClone(live ?? { apiVersion: applied.apiVersion, kind: applied.kind, metadata: {} });
    for (const [path, value] of paths) {
      const keys = path.split('.');
      let node = merged;
      for (const key of keys.slice(0, -1)) node = (node[key] = typeof node[key] === 'object' && node[key] !== null && !Array.isArray(node[key]) ? node[key] : {});
      node[keys[keys.length - 1] as string] = JSON.parse(value);
    }
    merged.metadata.name = applied.metadata.name;
    if (applied.metadata.namespace !== undefined) merged.metadata.namespace = applied.metadata.namespace;
    const before = uid ? this.#owners.get(uid)?.get(`${manager}|Apply`) : undefined;
    for (const path of before ?? []) {
      if (paths.has(path)) continue;
      const ownedElsewhere = [...(this.#owners.get(uid as string) ?? [])].some(([owner, set]) => owner !== `${manager}|Apply` && set.has(path));
      if (!ownedElsewhere) removePath(merged, path);
    }
    return merged;
  }

  #recordOwnership(uid: string, object: Obj, previous: Obj | undefined, manager: string, operation: 'Apply' | 'Update', dryRun = false): void {
    const owners = this.#owners.get(uid) ?? new Map<string, Set<string>>();
    const mine = `${manager}|${operation}`;
    const now = leafPaths(object);
    const was = previous ? leafPaths(previous) : new Map<string, string>();
    // Fields whose value this write changed: they move to this manager.
    const changed = new Set([...now].filter(([path, value]) => was.get(path) !== value).map(([path]) => path));
    const next = new Map<string, Set<string>>();
    for (const [owner, set] of owners) {
      if (owner === mine) continue;
      const kept = new Set([...set].filter((path) => now.has(path) && !changed.has(path)));
      if (kept.size > 0) next.set(owner, kept);
    }
    // An applier owns exactly what it applied; an updater adds what it changed.
    const applied = operation === 'Apply' ? leafPaths(this.#lastApplied ?? object) : undefined;
    const own = applied ? new Set([...applied.keys()].filter((path) => now.has(path))) : new Set([...(owners.get(mine) ?? [])].filter((path) => now.has(path)).concat([...changed]));
    this.#lastApplied = undefined;
    if (own.size > 0) next.set(mine, own);
    if (dryRun) this.#dryRunOwners = next;
    else this.#owners.set(uid, next);
  }

  /** The applied configuration of the apply being stored (its fields are what the applier owns). */
  #lastApplied: Obj | undefined;

  setApplied(applied: Obj): void {
    this.#lastApplied = applied;
  }

  #dryRunOwners: Map<string, Set<string>> | undefined;

  #managedFields(uid: string, object: Obj): Obj[] {
    const owners = this.#dryRunOwners ?? this.#owners.get(uid) ?? new Map<string, Set<string>>();
    this.#dryRunOwners = undefined;
    return [...owners].map(([owner, paths]) => {
      const [manager, operation] = owner.split('|');
      return { manager, operation, apiVersion: object.apiVersion, time: new Date().toISOString(), fieldsType: 'FieldsV1', fieldsV1: fieldsV1(paths) };
    });
  }

  #emit(type: Change['type'], resource: FakeResource, object: Obj): void {
    const change: Change = { type, key: Store.key(resource), object: structuredClone(object), rv: this.#rv };
    this.history.push(change);
    if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
    this.changes.emit('change', change);
  }
}
