import { describe, expect, it } from 'vitest';
import { connect } from './support/client.js';
import { useFakeCluster } from './support/fake-cluster.js';

/** Paging through 5,000 pods with the API server's continue tokens; watches that are cancelled or wait for a rollout. */

const BULK = 5000;
const cluster = useFakeCluster({ bulkPods: BULK });

describe('paging over 5,000 pods', () => {
  it('every pod exactly once, one API request per page, in order', async () => {
    const server = await connect({ kubeconfig: cluster.kubeconfig(), namespaces: ['bulk'] });
    try {
      const since = cluster.fake().requests.length;
      const names: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await server.ok<{ items: Array<{ name: string }>; nextCursor?: string; truncated: boolean }>('list', { kind: 'Pod', namespace: 'bulk', limit: 1000, ...(cursor ? { cursor } : {}) });
        names.push(...page.items.map((i) => i.name));
        expect(page.truncated).toBe(page.nextCursor !== undefined);
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(names).toHaveLength(BULK);
      expect(new Set(names).size).toBe(BULK);
      expect(names).toEqual([...names].sort());
      expect(pages).toBe(5);
      const lists = cluster.fake().requests.slice(since).filter((r) => r.verb === 'list' && r.resource === 'pods');
      expect(lists).toHaveLength(5);
      expect(lists.slice(1).every((r) => typeof r.query.continue === 'string' && r.query.continue.length > 0)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a page the byte budget cuts resumes where it stopped, without loss', async () => {
    const server = await connect({ kubeconfig: cluster.kubeconfig(), maxResultBytes: 64 * 1024 });
    try {
      const names: string[] = [];
      let cursor: string | undefined;
      let cutByBudget = 0;
      do {
        const page = await server.ok<{ items: Array<{ metadata: { name: string } }>; nextCursor?: string }>('list', { kind: 'Pod', namespace: 'bulk', limit: 300, output: 'objects', ...(cursor ? { cursor } : {}) });
        if (page.items.length < 300 && page.nextCursor) cutByBudget++;
        names.push(...page.items.map((i) => i.metadata.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(cutByBudget).toBeGreaterThan(0);
      expect(names).toHaveLength(BULK);
      expect(new Set(names).size).toBe(BULK);
    } finally {
      await server.close();
    }
  });

  it('selectors page too', async () => {
    const server = await connect({ kubeconfig: cluster.kubeconfig() });
    try {
      let total = 0;
      let cursor: string | undefined;
      do {
        const page = await server.ok<{ items: unknown[]; nextCursor?: string }>('list', { kind: 'Pod', namespace: 'bulk', labelSelector: 'shard=3', limit: 200, ...(cursor ? { cursor } : {}) });
        total += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      expect(total).toBe(BULK / 10);
    } finally {
      await server.close();
    }
  });
});

describe('watches', () => {
  it('a watch cancelled by the client stops, and its stream to the API server closes', async () => {
    const server = await connect({ kubeconfig: cluster.kubeconfig() });
    try {
      const fake = cluster.fake();
      const watchers = () => fake.store.changes.listenerCount('change');
      const before = watchers();
      const controller = new AbortController();
      const pending = server.call('watch', { kind: 'ConfigMap', namespace: 'team-a', resourceVersion: String(fake.store.resourceVersion), timeoutSeconds: 60, maxEvents: 1000 }, { signal: controller.signal });
      await expect.poll(watchers, { timeout: 5000 }).toBe(before + 1);
      controller.abort();
      await expect(pending).rejects.toThrow();
      await expect.poll(watchers, { timeout: 5000 }).toBe(before);
      const watches = fake.requests.filter((r) => r.verb === 'watch' && r.resource === 'configmaps');
      expect(watches.at(-1)?.query).toMatchObject({ watch: 'true', timeoutSeconds: '60' });
    } finally {
      await server.close();
    }
  });

  it('watch events arrive as they happen and end at the time limit', async () => {
    const server = await connect({ kubeconfig: cluster.kubeconfig() });
    try {
      const fake = cluster.fake();
      const rv = String(fake.store.resourceVersion);
      setTimeout(() => fake.add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'arrives-later', namespace: 'team-a' }, data: {} }), 300);
      const out = await server.ok<{ events: Array<{ type: string; name: string }>; ended: string; resourceVersion: string }>('watch', { kind: 'ConfigMap', namespace: 'team-a', resourceVersion: rv, timeoutSeconds: 2 });
      expect(out.events).toEqual([expect.objectContaining({ type: 'ADDED', name: 'arrives-later' })]);
      expect(out.ended).toBe('timeout');
      expect(Number(out.resourceVersion)).toBeGreaterThan(Number(rv));
    } finally {
      await server.close();
    }
  });

  it('rollout_status with waitSeconds watches until the rollout is done', async () => {
    const server = await connect({ kubeconfig: cluster.kubeconfig(), access: 'write' });
    const fake = cluster.fake();
    fake.rolloutDelayMs = 700;
    try {
      await server.ok('rollout_restart', { name: 'web', namespace: 'team-a' });
      const now = await server.ok<{ done: boolean }>('rollout_status', { name: 'web', namespace: 'team-a' });
      expect(now.done).toBe(false);
      const started = Date.now();
      const waited = await server.ok<{ done: boolean; waited: boolean }>('rollout_status', { name: 'web', namespace: 'team-a', waitSeconds: 10 });
      expect(waited).toMatchObject({ done: true, waited: true });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      fake.rolloutDelayMs = 0;
      await server.close();
    }
  });
});
