import { describe, expect, it } from 'vitest';
import { RequestFilter, type FilterPolicy } from '../src/api/filter.js';
import { parseApiPath, resourcePath } from '../src/api/path.js';
import { scrubResponse } from '../src/api/scrub.js';
import { Redactor } from '../src/redact.js';

/** The request filter, path reading and Secret scrubbing on their own (no server). */

const facts = async (group: string, _version: string, resource: string) =>
  ({ pods: { kind: 'Pod', namespaced: true }, secrets: { kind: 'Secret', namespaced: true }, nodes: { kind: 'Node', namespaced: false }, namespaces: { kind: 'Namespace', namespaced: false }, deployments: { kind: 'Deployment', namespaced: true }, selfsubjectaccessreviews: { kind: 'SelfSubjectAccessReview', namespaced: false } } as Record<string, { kind: string; namespaced: boolean }>)[resource] ?? (group === 'example.com' ? { kind: 'Widget', namespaced: true } : undefined);

const filter = (policy: Partial<FilterPolicy>) => new RequestFilter({ access: 'read', namespaces: undefined, secrets: 'metadata', denied: [], serverName: 's', ...policy }, facts);

describe('parseApiPath', () => {
  it.each([
    ['/api/v1/namespaces/a/pods/p/log', { group: '', version: 'v1', resource: 'pods', namespace: 'a', name: 'p', subresource: 'log' }],
    ['/apis/apps/v1/namespaces/a/deployments/web/scale', { group: 'apps', resource: 'deployments', namespace: 'a', name: 'web', subresource: 'scale' }],
    ['/api/v1/namespaces/team-a', { resource: 'namespaces', name: 'team-a', namespace: 'team-a' }],
    ['/api/v1/namespaces/team-a/status', { resource: 'namespaces', name: 'team-a', subresource: 'status', namespace: 'team-a' }],
    ['/api/v1/nodes/n1', { resource: 'nodes', name: 'n1', namespace: undefined }],
    ['/api/v1/pods', { resource: 'pods', namespace: undefined, name: undefined }],
  ])('%s', (path, expected) => {
    expect(parseApiPath(path)).toMatchObject({ type: 'resource', ...expected });
  });

  it.each(['/api/v1/namespaces/a/pods/../../b/pods', '/api/v1/namespaces/a%2Fb/pods', '//api/v1/pods', '/healthz', '/api/v1/namespaces/a/pods?x', '/api/v1/namespaces/a/pods/p/log/extra', '/apis', '/version'])('%s is refused or discovery', (path) => {
    const parsed = parseApiPath(path);
    expect(parsed === undefined || parsed.type === 'discovery').toBe(true);
  });

  it('resourcePath and parseApiPath agree', () => {
    const target = { group: 'example.com', version: 'v1', resource: 'widgets', namespace: 'n', name: 'w.1' };
    expect(parseApiPath(resourcePath(target))).toMatchObject(target);
  });
});

describe('RequestFilter.admit', () => {
  it('read tier: GET only, and no tunnels by GET', async () => {
    const f = filter({});
    await expect(f.admit({ method: 'GET', path: '/api/v1/namespaces/a/pods' })).resolves.toMatchObject({ verb: 'list' });
    for (const path of ['/api/v1/namespaces/a/pods/p/exec', '/api/v1/namespaces/a/pods/p/attach', '/api/v1/namespaces/a/pods/p/portforward', '/api/v1/namespaces/a/services/s/proxy']) {
      await expect(f.admit({ method: 'GET', path })).rejects.toMatchObject({ code: 'K8S_REQUEST_REFUSED', details: { rule: 'access' } });
    }
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) await expect(f.admit({ method, path: '/api/v1/namespaces/a/pods/p' })).rejects.toMatchObject({ details: { rule: 'access' } });
  });

  it('write tier: no deletes, evictions or exec; reviews allowed', async () => {
    const f = filter({ access: 'write' });
    await expect(f.admit({ method: 'PATCH', path: '/api/v1/namespaces/a/pods/p' })).resolves.toBeDefined();
    await expect(f.admit({ method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' })).resolves.toMatchObject({ verb: 'review' });
    await expect(f.admit({ method: 'DELETE', path: '/api/v1/namespaces/a/pods/p' })).rejects.toMatchObject({ details: { rule: 'access' } });
    await expect(f.admit({ method: 'POST', path: '/api/v1/namespaces/a/pods/p/eviction' })).rejects.toMatchObject({ details: { rule: 'access' } });
    await expect(f.admit({ method: 'POST', path: '/api/v1/namespaces/a/pods/p/exec' })).rejects.toMatchObject({ details: { rule: 'access' } });
  });

  it('namespace allow-list: other namespaces, cluster-wide lists, cluster-scoped writes, body/path mismatch', async () => {
    const f = filter({ access: 'destructive', namespaces: new Set(['a']) });
    await expect(f.admit({ method: 'GET', path: '/api/v1/namespaces/b/pods' })).rejects.toMatchObject({ details: { rule: 'namespace' } });
    await expect(f.admit({ method: 'GET', path: '/api/v1/pods' })).rejects.toMatchObject({ details: { rule: 'namespace' } });
    await expect(f.admit({ method: 'GET', path: '/api/v1/nodes' })).resolves.toBeDefined();
    await expect(f.admit({ method: 'PATCH', path: '/api/v1/nodes/n' })).resolves.toBeDefined();
    await expect(f.admit({ method: 'POST', path: '/api/v1/namespaces' })).rejects.toMatchObject({ details: { rule: 'namespace' } });
    await expect(f.admit({ method: 'GET', path: '/api/v1/namespaces/b' })).rejects.toMatchObject({ details: { rule: 'namespace' } });
    await expect(f.admit({ method: 'POST', path: '/api/v1/namespaces/a/pods', bodyNamespace: 'b' })).rejects.toMatchObject({ details: { rule: 'namespace' } });
    await expect(f.admit({ method: 'GET', path: '/apis/unknown.io/v1/things' })).rejects.toMatchObject({ details: { rule: 'unknown-resource' } });
  });

  it('denied kinds and hidden Secrets', async () => {
    const f = filter({ denied: [{ group: 'example.com', kind: 'Widget' }, { group: 'apps', kind: 'Deployment', version: 'v2' }], secrets: 'hidden' });
    await expect(f.admit({ method: 'GET', path: '/apis/example.com/v1/namespaces/a/widgets' })).rejects.toMatchObject({ details: { rule: 'denied-kind' } });
    await expect(f.admit({ method: 'GET', path: '/apis/apps/v1/namespaces/a/deployments' })).resolves.toBeDefined();
    await expect(f.admit({ method: 'GET', path: '/apis/apps/v2/namespaces/a/deployments' })).rejects.toMatchObject({ details: { rule: 'denied-kind' } });
    await expect(f.admit({ method: 'GET', path: '/api/v1/namespaces/a/secrets/s' })).rejects.toMatchObject({ details: { rule: 'secrets' } });
  });
});

describe('Secret scrubbing', () => {
  const secret = () => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"djE="}}', keep: 'me' }, managedFields: [{ manager: 'x' }] }, data: { k: 'djE=' }, stringData: { t: 'plain' } });

  it('a Secret keeps names and keys, loses values and the last-applied annotation', () => {
    const s = secret();
    scrubResponse(s, true, 'metadata');
    expect(s).toMatchObject({ dataKeys: ['k', 't'], metadata: { annotations: { keep: 'me' } } });
    expect(JSON.stringify(s)).not.toMatch(/djE=|plain/);
  });

  it('lists (typed and generic), Tables with full objects and watch events are scrubbed', () => {
    const typed = { kind: 'SecretList', items: [{ metadata: { name: 'a' }, data: { k: 'djE=' } }] };
    const generic = { kind: 'List', items: [secret(), { kind: 'ConfigMap', data: { k: 'visible' } }] };
    const table = { kind: 'Table', rows: [{ cells: ['s'], object: secret() }] };
    const event = { type: 'MODIFIED', object: secret() };
    scrubResponse(typed, true, 'metadata');
    scrubResponse(generic, false, 'metadata');
    scrubResponse(table, true, 'hidden');
    scrubResponse(event, true, 'metadata');
    expect(JSON.stringify([typed, generic, table, event])).not.toMatch(/djE=|plain/);
    expect(JSON.stringify(generic)).toContain('visible');
    expect((table.rows[0]?.object as { metadata: Record<string, unknown> }).metadata.managedFields).toBeUndefined();
  });

  it('reveal leaves Secrets whole', () => {
    const s = secret();
    scrubResponse(s, true, 'reveal');
    expect(s.data.k).toBe('djE=');
  });
});

describe('Redactor', () => {
  it('removes known secrets, bearer values, JWTs and private keys', () => {
    const r = new Redactor();
    r.add('my-static-token-123');
    r.addAuthorization('Bearer exec-plugin-token-456');
    const text = r.redact('a my-static-token-123 b exec-plugin-token-456 Authorization: Bearer abcdefghijkl eyJhbGciOi.eyJzdWIiOiJ4.sig -----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----');
    expect(text).not.toMatch(/my-static-token|exec-plugin-token|abcdefghijkl|eyJzdWIi|MHc/);
    expect(r.redactKnown('short abc stays; my-static-token-123 goes')).toBe('short abc stays; [redacted] goes');
  });
});
