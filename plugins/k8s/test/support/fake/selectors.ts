/**
 * Label and field selectors as the API server reads them:
 * `a=b,c!=d,e in (x,y),f notin (z),g,!h` and `metadata.name=x,status.phase!=Running`.
 */

type Obj = Record<string, unknown>;

export class SelectorError extends Error {}

type Requirement = (labels: Record<string, string>) => boolean;

export function parseLabelSelector(selector: string | null): Requirement {
  if (!selector) return () => true;
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  const requirements = parts.map((raw) => {
    const part = raw.trim();
    let m = /^([A-Za-z0-9./_-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (m) {
      const key = m[1] as string;
      const values = (m[3] as string).split(',').map((v) => v.trim());
      return m[2] === 'in' ? (l: Record<string, string>) => key in l && values.includes(l[key] as string) : (l: Record<string, string>) => !(key in l) || !values.includes(l[key] as string);
    }
    m = /^([A-Za-z0-9./_-]+)\s*(==|=|!=)\s*([A-Za-z0-9._-]*)$/.exec(part);
    if (m) {
      const key = m[1] as string;
      const value = m[3] as string;
      return m[2] === '!=' ? (l: Record<string, string>) => l[key] !== value : (l: Record<string, string>) => l[key] === value;
    }
    m = /^(!?)([A-Za-z0-9./_-]+)$/.exec(part);
    if (m) {
      const key = m[2] as string;
      return m[1] ? (l: Record<string, string>) => !(key in l) : (l: Record<string, string>) => key in l;
    }
    throw new SelectorError(`unable to parse requirement: ${JSON.stringify(part)}`);
  });
  return (labels) => requirements.every((r) => r(labels));
}

/** Fields each kind supports in field selectors (beyond metadata.name and metadata.namespace). */
const FIELDS: Record<string, string[]> = {
  pods: ['spec.nodeName', 'status.phase', 'spec.restartPolicy', 'spec.serviceAccountName', 'status.podIP'],
  events: ['involvedObject.kind', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.namespace', 'involvedObject.apiVersion', 'involvedObject.fieldPath', 'reason', 'type', 'source', 'reportingComponent'],
  nodes: ['spec.unschedulable'],
  secrets: ['type'],
  namespaces: ['status.phase'],
};

function valueAt(object: Obj, path: string): string {
  let value: unknown = object;
  for (const key of path.split('.')) value = (value as Obj | undefined)?.[key];
  if (path === 'source') value = (object.source as Obj | undefined)?.component;
  return value === undefined || value === null ? '' : String(value);
}

export function parseFieldSelector(selector: string | null, resource: string): (object: Obj) => boolean {
  if (!selector) return () => true;
  const requirements = selector.split(',').map((raw) => {
    const m = /^\s*([A-Za-z0-9.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(raw);
    if (!m) throw new SelectorError(`invalid selector: '${raw}'; can't understand '${raw}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    if (field !== 'metadata.name' && field !== 'metadata.namespace' && !(FIELDS[resource] ?? []).includes(field)) {
      throw new SelectorError(`field label not supported: ${field}`);
    }
    return (o: Obj) => (op === '!=' ? valueAt(o, field) !== value : valueAt(o, field) === value);
  });
  return (object) => requirements.every((r) => r(object));
}
