/**
 * Table output (Accept: application/json;as=Table;v=v1;g=meta.k8s.io): the
 * columns kubectl get prints for each kind, the CRD's printer columns, and
 * includeObject None / Metadata / Object, as the API server renders them.
 */

import { WIDGET_CRD, type FakeResource } from './catalog.js';

type Obj = Record<string, any>;

interface Column {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority: number;
  cell: (o: Obj) => unknown;
}

const col = (name: string, cell: (o: Obj) => unknown, priority = 0, type = 'string'): Column => ({ name, type, description: name, priority, cell });

export function ageOf(o: Obj, now = Date.now()): string {
  const ms = now - Date.parse(o.metadata?.creationTimestamp ?? '');
  if (!Number.isFinite(ms)) return '<unknown>';
  const s = Math.floor(ms / 1000);
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.floor(s / 60)}m` : s < 172_800 ? `${Math.floor(s / 3600)}h` : `${Math.floor(s / 86_400)}d`;
}

const NAME = col('Name', (o) => o.metadata?.name, 0);
const AGE = col('Age', (o) => ageOf(o));

function columnsFor(resource: FakeResource): Column[] {
  switch (`${resource.group}/${resource.resource}`) {
    case '/pods':
      return [
        NAME,
        col('Ready', (o) => `${(o.status?.containerStatuses ?? []).filter((c: Obj) => c.ready).length}/${(o.spec?.containers ?? []).length}`),
        col('Status', (o) => o.status?.phase ?? 'Unknown'),
        col('Restarts', (o) => (o.status?.containerStatuses ?? []).reduce((s: number, c: Obj) => s + (c.restartCount ?? 0), 0), 0, 'integer'),
        AGE,
        col('IP', (o) => o.status?.podIP ?? '<none>', 1),
        col('Node', (o) => o.spec?.nodeName ?? '<none>', 1),
      ];
    case 'apps/deployments':
      return [NAME, col('Ready', (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`), col('Up-to-date', (o) => o.status?.updatedReplicas ?? 0, 0, 'integer'), col('Available', (o) => o.status?.availableReplicas ?? 0, 0, 'integer'), AGE, col('Containers', (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Obj) => c.name).join(','), 1)];
    case '/nodes':
      return [NAME, col('Status', (o) => `Ready${o.spec?.unschedulable ? ',SchedulingDisabled' : ''}`), col('Roles', () => '<none>'), AGE, col('Version', (o) => o.status?.nodeInfo?.kubeletVersion ?? '')];
    case '/namespaces':
      return [NAME, col('Status', (o) => o.status?.phase ?? 'Active'), AGE];
    case '/services':
      return [NAME, col('Type', (o) => o.spec?.type ?? 'ClusterIP'), col('Cluster-IP', (o) => o.spec?.clusterIP ?? '<none>'), col('Port(s)', (o) => (o.spec?.ports ?? []).map((p: Obj) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',')), AGE];
    case '/secrets':
      return [NAME, col('Type', (o) => o.type ?? 'Opaque'), col('Data', (o) => Object.keys(o.data ?? {}).length, 0, 'integer'), AGE];
    case '/configmaps':
      return [NAME, col('Data', (o) => Object.keys(o.data ?? {}).length, 0, 'integer'), AGE];
    case '/events':
      return [col('Last Seen', (o) => o.lastTimestamp ?? ''), col('Type', (o) => o.type), col('Reason', (o) => o.reason), col('Object', (o) => `${String(o.involvedObject?.kind ?? '').toLowerCase()}/${o.involvedObject?.name}`), col('Message', (o) => o.message)];
    case 'example.com/widgets':
      return [NAME, ...WIDGET_CRD.spec.versions[0]!.additionalPrinterColumns.map((c) => col(c.name, (o) => c.jsonPath.split('.').slice(1).reduce((v: any, k) => v?.[k], o), c.priority ?? 0, c.type)), AGE];
    default:
      return [NAME, AGE];
  }
}

export function toTable(resource: FakeResource, objects: Obj[], includeObject: string, listMeta: Obj): Obj {
  const columns = columnsFor(resource);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map(({ cell: _cell, ...def }) => def),
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o)),
      ...(includeObject === 'None'
        ? {}
        : { object: includeObject === 'Object' ? o : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } }),
    })),
  };
}
