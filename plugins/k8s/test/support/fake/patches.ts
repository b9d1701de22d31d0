/**
 * The patch types of the API server: JSON merge patch (RFC 7386), JSON
 * patch (RFC 6902), strategic merge patch (as a merge patch whose lists of
 * named items — containers, ports, env — merge by name), and the field
 * bookkeeping server-side apply needs (leaf paths; lists are atomic).
 */

type Json = unknown;
type Obj = Record<string, unknown>;

export class PatchError extends Error {
  readonly status: number;

  constructor(message: string, status = 422) {
    super(message);
    this.status = status;
  }
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Strategic merge: like a merge patch, but lists whose items all have a `name` merge by name. */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (Array.isArray(patch) && Array.isArray(target) && patch.every((p) => isObj(p) && typeof p.name === 'string') && target.every((t) => isObj(t) && typeof t.name === 'string')) {
    const out = target.map((t) => clone(t));
    for (const item of patch as Obj[]) {
      const index = out.findIndex((t) => (t as Obj).name === item.name);
      if (item.$patch === 'delete') {
        if (index >= 0) out.splice(index, 1);
      } else if (index >= 0) out[index] = strategicMergePatch(out[index], item);
      else out.push(clone(item));
    }
    return out;
  }
  if (!isObj(patch)) return clone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = strategicMergePatch(out[key], value);
  }
  return out;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer ${JSON.stringify(path)}`);
  return path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, parts: string[]): { parent: Obj | unknown[]; key: string } {
  let node: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(part)] : (node as Obj | undefined)?.[part];
    if (node === undefined) throw new PatchError(`doc is missing path: ${parts.join('/')}`);
  }
  if (!isObj(node) && !Array.isArray(node)) throw new PatchError(`doc is missing path: ${parts.join('/')}`);
  return { parent: node, key: parts[parts.length - 1] as string };
}

function getAt(doc: Json, parts: string[]): Json {
  let node: unknown = doc;
  for (const part of parts) {
    node = Array.isArray(node) ? node[Number(part)] : (node as Obj | undefined)?.[part];
    if (node === undefined) throw new PatchError(`doc is missing path: /${parts.join('/')}`);
  }
  return node;
}

export function jsonPatch(target: Json, operations: Json): Json {
  if (!Array.isArray(operations)) throw new PatchError('a JSON patch is a list of operations', 400);
  let doc = clone(target);
  for (const op of operations as Obj[]) {
    const parts = pointer(String(op.path ?? ''));
    const set = (value: Json, insert: boolean) => {
      if (parts.length === 0) {
        doc = clone(value);
        return;
      }
      const { parent, key } = parentOf(doc, parts);
      if (Array.isArray(parent)) {
        const index = key === '-' ? parent.length : Number(key);
        if (!Number.isInteger(index) || index < 0 || index > parent.length) throw new PatchError(`index out of range: ${key}`);
        if (insert) parent.splice(index, 0, clone(value));
        else parent[index] = clone(value);
      } else parent[key] = clone(value);
    };
    const remove = () => {
      const { parent, key } = parentOf(doc, parts);
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else {
        if (!(key in parent)) throw new PatchError(`unable to remove nonexistent key: ${key}`);
        delete parent[key];
      }
    };
    switch (op.op) {
      case 'add':
        set(op.value, true);
        break;
      case 'replace':
        getAt(doc, parts);
        set(op.value, false);
        break;
      case 'remove':
        remove();
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, parts)) !== JSON.stringify(op.value)) throw new PatchError(`testing value /${parts.join('/')} failed`);
        break;
      case 'move':
      case 'copy': {
        const from = pointer(String(op.from ?? ''));
        const value = getAt(doc, from);
        if (op.op === 'move') {
          const { parent, key } = parentOf(doc, from);
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key];
        }
        set(value, true);
        break;
      }
      default:
        throw new PatchError(`unexpected JSON patch operation ${JSON.stringify(op.op)}`, 400);
    }
  }
  return doc;
}

/** Leaf paths of an applied object (identity fields left out); lists are leaves. */
export function leafPaths(value: Json, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (isObj(value)) {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (path === 'apiVersion' || path === 'kind' || path === 'metadata.name' || path === 'metadata.namespace' || path === 'status' || path.startsWith('metadata.managedFields') || path === 'metadata.resourceVersion') continue;
      if (isObj(child) && Object.keys(child).length > 0) for (const [p, v] of leafPaths(child, path)) out.set(p, v);
      else out.set(path, JSON.stringify(child));
    }
  }
  return out;
}

export function valueAtPath(object: Json, path: string): string | undefined {
  let node: unknown = object;
  for (const key of path.split('.')) {
    if (!isObj(node)) return undefined;
    node = node[key];
  }
  return node === undefined ? undefined : JSON.stringify(node);
}

export function removePath(object: Obj, path: string): void {
  const keys = path.split('.');
  const stack: Obj[] = [object];
  let node: unknown = object;
  for (const key of keys.slice(0, -1)) {
    if (!isObj(node)) return;
    node = node[key];
    if (isObj(node)) stack.push(node);
  }
  if (isObj(node)) delete node[keys[keys.length - 1] as string];
  // Drop maps the removal left empty (apply owns them through their leaves).
  for (let i = stack.length - 1; i > 0; i--) {
    const child = stack[i] as Obj;
    if (Object.keys(child).length === 0) delete (stack[i - 1] as Obj)[keys[i - 1] as string];
  }
}

/** managedFields' FieldsV1 form of a set of leaf paths ({"f:spec":{"f:replicas":{}}}). */
export function fieldsV1(paths: Iterable<string>): Obj {
  const root: Obj = {};
  for (const path of paths) {
    let node = root;
    for (const key of path.split('.')) node = (node[`f:${key}`] ??= {}) as Obj;
  }
  return root;
}
