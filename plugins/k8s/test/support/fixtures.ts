import type { FakeApiServer } from './fake/server.js';

/**
 * The objects every test cluster starts with. Secret values and the token
 * are distinctive strings so a leak anywhere is found by a plain search.
 */

export const SECRET_VALUE = 'Sup3r-S3cret-Value-7f3a9c';
export const SECRET_STRING_DATA = 'string-data-value-91b2';
export const NAMESPACES = ['team-a', 'team-b', 'restricted', 'bulk'];

type Obj = Record<string, unknown>;

const b64 = (s: string) => Buffer.from(s).toString('base64');

export function pod(namespace: string, name: string, options: { labels?: Record<string, string>; node?: string; owner?: { kind: string; name: string; uid?: string }; phase?: string; containers?: string[]; emptyDir?: boolean; mirror?: boolean } = {}): Obj {
  const containers = options.containers ?? ['app'];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: options.labels ?? {},
      ...(options.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: options.owner.kind, name: options.owner.name, uid: options.owner.uid ?? `${options.owner.name}-uid`, controller: true }] } : {}),
      ...(options.mirror ? { annotations: { 'kubernetes.io/config.mirror': 'abc' } } : {}),
    },
    spec: {
      nodeName: options.node ?? 'node-1',
      containers: containers.map((c) => ({ name: c, image: `registry.example/${c}:1.0` })),
      ...(options.emptyDir ? { volumes: [{ name: 'scratch', emptyDir: {} }] } : {}),
    },
    status: { phase: options.phase ?? 'Running', podIP: '10.0.0.1', containerStatuses: containers.map((c) => ({ name: c, ready: true, restartCount: 0 })) },
  };
}

export function seedCluster(fake: FakeApiServer, options: { bulkPods?: number } = {}): void {
  for (const ns of NAMESPACES) fake.add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }, status: { phase: 'Active' } });
  for (const node of ['node-1', 'node-2']) fake.add({ apiVersion: 'v1', kind: 'Node', metadata: { name: node, labels: { 'kubernetes.io/hostname': node } }, spec: {}, status: { nodeInfo: { kubeletVersion: 'v1.34.0' } } });
  fake.add({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'team-a', labels: { app: 'web' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'registry.example/app:1.0' }] } } },
  });
  fake.add({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-5d9c', namespace: 'team-a', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'web-uid', controller: true }] },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'registry.example/app:1.0' }] } } },
  });
  fake.add({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'team-a' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'registry.example/agent:1' }] } } } });
  fake.add(pod('team-a', 'web-5d9c-aaaaa', { labels: { app: 'web', tier: 'front' }, node: 'node-1', owner: { kind: 'ReplicaSet', name: 'web-5d9c' } }));
  fake.add(pod('team-a', 'web-5d9c-bbbbb', { labels: { app: 'web', tier: 'front' }, node: 'node-2', owner: { kind: 'ReplicaSet', name: 'web-5d9c' } }));
  fake.add(pod('team-a', 'agent-x1', { labels: { app: 'agent' }, node: 'node-2', owner: { kind: 'DaemonSet', name: 'agent' } }));
  fake.add(pod('team-a', 'batch-1', { labels: { app: 'batch' }, phase: 'Succeeded', node: 'node-1' }));
  fake.add(pod('team-a', 'sidecar-pod', { labels: { app: 'multi' }, containers: ['main', 'proxy'], node: 'node-1', owner: { kind: 'ReplicaSet', name: 'multi-rs' } }));
  fake.add(pod('team-a', 'standalone', { labels: { app: 'debug' }, node: 'node-1' }));
  fake.add(pod('team-b', 'db-0', { labels: { app: 'db' }, node: 'node-2', owner: { kind: 'StatefulSet', name: 'db' } }));
  fake.add(pod('restricted', 'vault-0', { labels: { app: 'vault' }, node: 'node-1', owner: { kind: 'StatefulSet', name: 'vault' } }));
  fake.add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'team-a' }, data: { 'app.yaml': 'port: 8080\n' } });
  fake.add({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'team-a' }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] } });
  fake.add({
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: 'db-credentials', namespace: 'team-a', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ stringData: { password: SECRET_VALUE } }), owner: 'team-a' } },
    data: { password: b64(SECRET_VALUE), username: b64('admin') },
    stringData: { token: SECRET_STRING_DATA },
  });
  fake.add({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: 'other-secret', namespace: 'team-b' }, data: { key: b64(SECRET_VALUE) } });
  fake.add({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'blue-widget', namespace: 'team-a' }, spec: { size: 3, color: 'blue' } });
  const web = fake.store.get(fake.resource('apps', 'deployments'), 'team-a', 'web');
  const now = Date.now();
  const events: Array<[string, string, string, string, string, number]> = [
    ['Deployment', 'web', web?.metadata?.uid ?? '', 'Normal', 'ScalingReplicaSet', 60_000],
    ['Deployment', 'web', web?.metadata?.uid ?? '', 'Warning', 'ProgressDeadline', 30_000],
    ['Pod', 'web-5d9c-aaaaa', 'pod-a-uid', 'Warning', 'BackOff', 10_000],
    ['Pod', 'web-5d9c-bbbbb', 'pod-b-uid', 'Normal', 'Pulled', 120_000],
    ['Secret', 'db-credentials', 'secret-uid', 'Normal', 'Updated', 5_000],
  ];
  for (const [i, [kind, name, uid, type, reason, ago]] of events.entries()) {
    const at = new Date(now - ago).toISOString();
    fake.add({ apiVersion: 'v1', kind: 'Event', metadata: { name: `ev-${i}`, namespace: 'team-a' }, involvedObject: { kind, name, uid, namespace: 'team-a' }, type, reason, message: `${reason} happened to ${name}`, count: i + 1, firstTimestamp: at, lastTimestamp: at, source: { component: 'controller' } });
  }
  fake.add({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'ev-b', namespace: 'team-b' }, involvedObject: { kind: 'Pod', name: 'db-0', namespace: 'team-b' }, type: 'Warning', reason: 'Unhealthy', message: 'probe failed', count: 1, lastTimestamp: new Date(now - 1000).toISOString() });
  fake.setLog('team-a', 'web-5d9c-aaaaa', Array.from({ length: 50 }, (_, i) => `line ${i + 1} of web`).join('\n') + '\n', 'previous crash: out of memory\n');
  fake.setLog('team-a', 'sidecar-pod', 'main says hi\n');
  for (let i = 0; i < (options.bulkPods ?? 0); i++) fake.add(pod('bulk', `bulk-${String(i).padStart(5, '0')}`, { labels: { app: 'bulk', shard: String(i % 10) }, node: i % 2 ? 'node-1' : 'node-2', owner: { kind: 'ReplicaSet', name: 'bulk-rs' } }));
}
