import { afterAll, beforeAll, describe } from 'vitest';
import { defineToolSuite } from './support/tool-suite.js';
import { seedRealCluster, type RealCluster } from './support/real-cluster.js';

/**
 * The same tool suite against a real cluster, when MCPCTL_TEST_KUBECONFIG
 * names a kubeconfig whose current context may create namespaces. No
 * kube-apiserver can run on the CI machines (none in the npm registry or
 * Debian, no container engine), so without it this file is skipped loudly —
 * under CI=true too: the fake API server covers the suite there.
 */

const kubeconfig = process.env.MCPCTL_TEST_KUBECONFIG;

if (!kubeconfig) {
  console.warn(
    `[k8s] SKIPPED: the tool suite against a real cluster. Set MCPCTL_TEST_KUBECONFIG to a kubeconfig to run it.${process.env.CI === 'true' ? ' (CI=true: allowed, no cluster can exist on this machine; tools.fake.test.ts runs the suite against the fake API server.)' : ''}`,
  );
}

describe.skipIf(!kubeconfig)('real cluster (MCPCTL_TEST_KUBECONFIG)', () => {
  let seeded: RealCluster | undefined;
  beforeAll(async () => {
    seeded = await seedRealCluster(kubeconfig as string);
  }, 180_000);
  afterAll(async () => {
    await seeded?.cleanup();
  });
  defineToolSuite('real cluster', {
    kubeconfig: () => kubeconfig as string,
    namespace: () => (seeded as RealCluster).namespace,
    otherNamespace: () => (seeded as RealCluster).otherNamespace,
    real: true,
  });
});
