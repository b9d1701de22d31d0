import { packageTestConfig } from '@mcpctl/testing/vitest';

/**
 * Runs this package's tests alone: `npx vitest run --config plugins/k8s/vitest.config.ts`.
 * The fake API server starts inside the tests; MCPCTL_TEST_KUBECONFIG adds a real cluster (see README).
 */
export default packageTestConfig(import.meta.url);
