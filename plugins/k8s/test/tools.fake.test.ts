import { describe, expect, it } from 'vitest';
import { useFakeCluster } from './support/fake-cluster.js';
import { defineToolSuite } from './support/tool-suite.js';

/** The whole tool suite against the fake API server, then what the fake's request record proves about it. */

const cluster = useFakeCluster({ metrics: true });

defineToolSuite('fake API server', { kubeconfig: cluster.kubeconfig, namespace: () => 'team-a', otherNamespace: () => 'team-b', real: false });

describe('what reached the fake API server during the suite', () => {
  it('every request carried the bearer token', () => {
    const requests = cluster.fake().requests;
    expect(requests.length).toBeGreaterThan(50);
    expect(requests.filter((r) => !r.authorized)).toEqual([]);
  });

  it('no request touched a namespace outside the allow-list', () => {
    const outside = cluster.fake().requestsWhere((r) => r.namespace !== undefined && r.namespace !== 'team-a');
    expect(outside).toEqual([]);
  });

  it('apply sent server-side apply patches with field manager mcpctl, dry run first', () => {
    const applies = cluster.fake().requestsWhere((r) => r.contentType?.startsWith('application/apply-patch+yaml') === true);
    expect(applies.length).toBeGreaterThan(0);
    expect(applies.every((r) => r.query.fieldManager === 'mcpctl')).toBe(true);
    const first = applies.find((r) => r.name === 'applied-cm');
    expect(first?.query.dryRun).toBe('All');
  });

  it('patches other than apply carried an explicit patch content type', () => {
    const patches = cluster.fake().requestsWhere((r) => r.method === 'PATCH');
    expect(patches.every((r) => /^application\/(merge-patch|apply-patch|json-patch|strategic-merge-patch)/.test(r.contentType ?? ''))).toBe(true);
  });

  it('write tools asked SelfSubjectAccessReview first', () => {
    expect(cluster.fake().requestsWhere((r) => r.verb === 'review').length).toBeGreaterThan(0);
  });
});
