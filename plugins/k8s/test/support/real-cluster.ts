import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { SECRET_STRING_DATA, SECRET_VALUE } from './fixtures.js';

/**
 * Seeding a real cluster (MCPCTL_TEST_KUBECONFIG) with the fixture objects
 * the tool suite expects, directly through @kubernetes/client-node, in two
 * fresh namespaces that are deleted afterwards.
 */

export interface RealCluster {
  namespace: string;
  otherNamespace: string;
  cleanup(): Promise<void>;
}

export async function seedRealCluster(kubeconfigPath: string): Promise<RealCluster> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const api = KubernetesObjectApi.makeApiClient(kc);
  const suffix = Math.random().toString(36).slice(2, 8);
  const namespace = `mcpctl-test-${suffix}`;
  const otherNamespace = `mcpctl-test-${suffix}-other`;
  const objects: KubernetesObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: otherNamespace } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace }, data: { 'app.yaml': 'port: 8080\n' } } as KubernetesObject,
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as KubernetesObject,
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-credentials', namespace }, data: { password: Buffer.from(SECRET_VALUE).toString('base64'), username: Buffer.from('admin').toString('base64') }, stringData: { token: SECRET_STRING_DATA } } as KubernetesObject,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace, labels: { app: 'web' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] } } },
    } as KubernetesObject,
  ];
  for (const object of objects) await api.create(object);
  // Pods appear once the deployment controller runs.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const pods = await api.list('v1', 'Pod', namespace);
    if (pods.items.length >= 2) break;
    if (Date.now() > deadline) throw new Error(`no pods for deployment web in ${namespace} after 120 s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    namespace,
    otherNamespace,
    async cleanup() {
      for (const name of [namespace, otherNamespace]) await api.delete({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }).catch(() => undefined);
    },
  };
}
