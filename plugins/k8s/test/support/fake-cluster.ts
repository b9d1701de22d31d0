import { afterAll, beforeAll } from 'vitest';
import { writeKubeconfig } from './client.js';
import { FakeApiServer, type FakeApiServerOptions } from './fake/server.js';
import { seedCluster } from './fixtures.js';

/** Start a seeded fake API server for a test file, with a kubeconfig file pointing at it; stopped after the file. */
export function useFakeCluster(options: FakeApiServerOptions & { bulkPods?: number; contexts?: Array<{ name: string; namespace?: string; token?: string }> } = {}): { fake: () => FakeApiServer; kubeconfig: () => string } {
  let fake: FakeApiServer | undefined;
  let file: { path: string; remove(): void } | undefined;
  beforeAll(async () => {
    fake = await FakeApiServer.start(options);
    seedCluster(fake, { bulkPods: options.bulkPods ?? 0 });
    file = writeKubeconfig(fake.kubeconfig(options.contexts));
  });
  afterAll(async () => {
    await fake?.close();
    file?.remove();
  });
  return {
    fake: () => fake as FakeApiServer,
    kubeconfig: () => (file as { path: string }).path,
  };
}
