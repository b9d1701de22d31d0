import { chmodSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../src/cluster.js';
import type { Logger } from '@mcpctl/kernel';
import { normalizeOptions } from '../src/options.js';
import type { HttpMethod } from '../src/api/filter.js';
import { connect, writeKubeconfig, type Connected } from './support/client.js';
import { useFakeCluster } from './support/fake-cluster.js';
import { SECRET_STRING_DATA, SECRET_VALUE } from './support/fixtures.js';

/**
 * The attack corpus: writes, deletes, exec and patches through every
 * read-tier path; other namespaces; denied kinds; Secret values through
 * get, list, describe, events, watch and resources; kubeconfig and token
 * leaks through every tool and error. Each case also checks the fake API
 * server's request record: a refused request must never have reached it.
 */

const cluster = useFakeCluster();
const fake = () => cluster.fake();
const b64 = Buffer.from(SECRET_VALUE).toString('base64');
const leaks = (text: string): string[] => [fake().token, SECRET_VALUE, b64, SECRET_STRING_DATA].filter((s) => text.includes(s));

/** Everything a result could carry, as one string. */
const everything = (value: unknown) => JSON.stringify(value);

function reached(since: number): Array<{ method: string; path: string; verb: string; namespace?: string }> {
  return fake().requests.slice(since);
}

describe('read tier: nothing but GET ever reaches the API server', () => {
  let read: Connected;
  let direct: Cluster;
  beforeAll(async () => {
    read = await connect({ kubeconfig: cluster.kubeconfig() });
    direct = new Cluster(normalizeOptions({ type: 'k8s', kubeconfig: cluster.kubeconfig() }, 'cluster', '/'), 'cluster');
  });
  afterAll(async () => {
    await read.close();
    await direct.close();
  });

  const toolCases: Array<[string, Record<string, unknown>]> = [
    ['apply', { manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: evil, namespace: team-a}\n' }],
    ['apply', { manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: evil, namespace: team-a}\n', dryRun: true }],
    ['scale', { name: 'web', namespace: 'team-a', replicas: 0 }],
    ['rollout_restart', { name: 'web', namespace: 'team-a' }],
    ['label', { kind: 'Pod', name: 'web-5d9c-aaaaa', namespace: 'team-a', set: { pwned: 'yes' } }],
    ['annotate', { kind: 'Pod', name: 'web-5d9c-aaaaa', namespace: 'team-a', set: { pwned: 'yes' } }],
    ['cordon', { node: 'node-1' }],
    ['uncordon', { node: 'node-1' }],
    ['delete', { kind: 'Pod', name: 'web-5d9c-aaaaa', namespace: 'team-a' }],
    ['delete', { kind: 'Pod', namespace: 'team-a', labelSelector: 'app=web', dryRun: true }],
    ['exec', { pod: 'web-5d9c-aaaaa', namespace: 'team-a', command: ['cat', '/etc/shadow'] }],
    ['drain', { node: 'node-1', dryRun: true }],
  ];
  it.each(toolCases)('%s %j is refused by the tier and sends nothing', async (tool, args) => {
    const since = fake().requests.length;
    const out = await read.fails(tool, args);
    expect(out.code).toBe('ACCESS_DENIED');
    expect(reached(since)).toEqual([]);
  });

  const requestCases: Array<[HttpMethod, string, Record<string, string | string[]>?]> = [
    ['POST', '/api/v1/namespaces/team-a/configmaps'],
    ['PUT', '/api/v1/namespaces/team-a/configmaps/web-config'],
    ['PATCH', '/api/v1/namespaces/team-a/configmaps/web-config'],
    ['PATCH', '/apis/apps/v1/namespaces/team-a/deployments/web/scale'],
    ['DELETE', '/api/v1/namespaces/team-a/pods/web-5d9c-aaaaa'],
    ['DELETE', '/api/v1/namespaces/team-a/pods'],
    ['POST', '/api/v1/namespaces/team-a/pods/web-5d9c-aaaaa/eviction'],
    ['POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'],
    ['GET', '/api/v1/namespaces/team-a/pods/web-5d9c-aaaaa/exec', { command: ['sh'] }],
    ['GET', '/api/v1/namespaces/team-a/pods/web-5d9c-aaaaa/attach'],
    ['GET', '/api/v1/namespaces/team-a/pods/web-5d9c-aaaaa/portforward', { ports: '22' }],
    ['GET', '/api/v1/namespaces/team-a/services/web/proxy/admin'],
    ['GET', '/api/v1/nodes/node-1/proxy/logs/'],
    ['GET', '/api/v1/namespaces/team-a/pods/web-5d9c-aaaaa/../../../team-b/pods'],
    ['GET', '/api/v1/namespaces/team-a%2F..%2Fteam-b/pods'],
    ['GET', '/api//v1/secrets'],
    ['GET', '/logs/kube-apiserver.log'],
    ['GET', '/metrics'],
    ['GET', '/api/v1/namespaces/team-a/pods?watch=true#x'],
  ];
  it.each(requestCases)('%s %s is refused by the request filter before it leaves the process', async (method, path, query) => {
    const since = fake().requests.length;
    await expect(direct.client(undefined).transport.json({ method, path, ...(query ? { query } : {}), body: method === 'GET' ? undefined : {} })).rejects.toMatchObject({ code: 'K8S_REQUEST_REFUSED' });
    expect(reached(since)).toEqual([]);
  });

  it('exec over a WebSocket is refused by the same filter', async () => {
    const since = fake().requests.length;
    await expect(direct.client(undefined).exec('team-a', 'web-5d9c-aaaaa', { command: ['id'], maxBytes: 1000, timeoutMs: 1000 })).rejects.toMatchObject({ code: 'K8S_REQUEST_REFUSED' });
    expect(reached(since)).toEqual([]);
  });

  it('over the whole read-tier run, only GET requests reached the API server', () => {
    expect(fake().requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

describe('namespaces outside the allow-list', () => {
  let server: Connected;
  let destructive: Connected;
  beforeAll(async () => {
    server = await connect({ kubeconfig: cluster.kubeconfig(), namespaces: ['team-a'] });
    destructive = await connect({ kubeconfig: cluster.kubeconfig(), namespaces: ['team-a'], access: 'destructive' });
  });
  afterAll(async () => {
    await server.close();
    await destructive.close();
  });

  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['read', 'list', { kind: 'Pod', namespace: 'team-b' }],
    ['read', 'get', { kind: 'Pod', name: 'db-0', namespace: 'team-b' }],
    ['read', 'get', { kind: 'Namespace', name: 'team-b' }],
    ['read', 'describe', { kind: 'Pod', name: 'db-0', namespace: 'team-b' }],
    ['read', 'events', { namespace: 'team-b' }],
    ['read', 'logs', { pod: 'db-0', namespace: 'team-b' }],
    ['read', 'watch', { kind: 'Pod', namespace: 'team-b', timeoutSeconds: 1 }],
    ['read', 'rollout_status', { name: 'web', namespace: 'restricted' }],
    ['destructive', 'apply', { manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: evil, namespace: team-b}\n' }],
    ['destructive', 'apply', { manifest: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: evil-ns}\n' }],
    ['destructive', 'apply', { manifest: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: evil}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: User, name: attacker}]\n' }],
    ['destructive', 'label', { kind: 'Pod', name: 'db-0', namespace: 'team-b', set: { a: 'b' } }],
    ['destructive', 'delete', { kind: 'Secret', name: 'other-secret', namespace: 'team-b' }],
    ['destructive', 'exec', { pod: 'vault-0', namespace: 'restricted', command: ['cat', '/vault/token'] }],
    ['destructive', 'scale', { name: 'db', kind: 'StatefulSet', namespace: 'team-b', replicas: 0 }],
  ];
  it.each(cases)('%s tier: %s %j is refused and never sent', async (tier, tool, args) => {
    const since = fake().requests.length;
    const out = await (tier === 'read' ? server : destructive).fails(tool, args);
    expect(out.code).toBe('K8S_REQUEST_REFUSED');
    expect(out.text).toMatch(/namespace|cluster-scoped/);
    expect(reached(since).filter((r) => r.namespace !== undefined && r.namespace !== 'team-a')).toEqual([]);
    expect(reached(since).filter((r) => r.method !== 'GET' && !(r.method === 'POST' && r.verb === 'review'))).toEqual([]);
  });

  it('allNamespaces fans out over the allowed namespaces only (no cluster-wide request)', async () => {
    const since = fake().requests.length;
    const out = await server.ok<{ items: Array<{ namespace: string }> }>('list', { kind: 'Pod', allNamespaces: true });
    expect(new Set(out.items.map((i) => i.namespace))).toEqual(new Set(['team-a']));
    expect(reached(since).filter((r) => r.path === '/api/v1/pods')).toEqual([]);
  });

  it('a namespace list shows only the allowed namespaces', async () => {
    const out = await server.ok<{ items: Array<{ name: string }> }>('list', { kind: 'Namespace' });
    expect(out.items.map((i) => i.name)).toEqual(['team-a']);
  });

  it('a resource URI in another namespace is refused', async () => {
    await expect(server.client.readResource({ uri: 'k8s://fake/team-b/Pod/db-0' })).rejects.toThrow(/namespace team-b is not in/);
  });
});

describe('denied kinds are refused whatever the tool', () => {
  let server: Connected;
  beforeAll(async () => {
    server = await connect({ kubeconfig: cluster.kubeconfig(), access: 'destructive', deniedResources: ['ConfigMap', 'Deployment.apps', { group: 'example.com', kind: 'Widget' }] });
  });
  afterAll(() => server.close());

  const cases: Array<[string, Record<string, unknown>]> = [
    ['list', { kind: 'ConfigMap', namespace: 'team-a' }],
    ['get', { kind: 'cm', name: 'web-config', namespace: 'team-a' }],
    ['describe', { kind: 'Deployment', name: 'web', namespace: 'team-a' }],
    ['watch', { kind: 'widgets', namespace: 'team-a', timeoutSeconds: 1 }],
    ['scale', { name: 'web', namespace: 'team-a', replicas: 5 }],
    ['rollout_restart', { name: 'web', namespace: 'team-a' }],
    ['delete', { kind: 'Widget', name: 'blue-widget', namespace: 'team-a' }],
    ['apply', { manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: sneaky, namespace: team-a}\n' }],
  ];
  it.each(cases)('%s %j', async (tool, args) => {
    const since = fake().requests.length;
    const out = await server.fails(tool, args);
    expect(out.code).toBe('K8S_REQUEST_REFUSED');
    expect(out.text).toContain('deniedResources');
    expect(reached(since).filter((r) => ['configmaps', 'deployments', 'widgets'].includes((r as { resource?: string }).resource ?? ''))).toEqual([]);
  });

  it('api_resources leaves them out', async () => {
    const out = await server.ok<{ resources: Array<{ kind: string }> }>('api_resources', { limit: 1000 });
    expect(out.resources.map((r) => r.kind)).not.toEqual(expect.arrayContaining(['ConfigMap']));
    expect(out.resources.map((r) => r.kind)).not.toContain('Deployment');
    expect(out.resources.map((r) => r.kind)).not.toContain('Widget');
  });
});

describe('Secret values never reach a tool', () => {
  let server: Connected;
  let hidden: Connected;
  beforeAll(async () => {
    server = await connect({ kubeconfig: cluster.kubeconfig(), access: 'write' });
    hidden = await connect({ kubeconfig: cluster.kubeconfig(), secrets: 'hidden' });
  });
  afterAll(async () => {
    await server.close();
    await hidden.close();
  });

  const cases: Array<[string, Record<string, unknown>]> = [
    ['get', { kind: 'Secret', name: 'db-credentials', namespace: 'team-a' }],
    ['get', { kind: 'secrets', name: 'db-credentials', namespace: 'team-a', format: 'json' }],
    ['list', { kind: 'Secret', namespace: 'team-a' }],
    ['list', { kind: 'Secret', namespace: 'team-a', output: 'objects' }],
    ['list', { kind: 'Secret', allNamespaces: true, output: 'objects', wide: true }],
    ['describe', { kind: 'Secret', name: 'db-credentials', namespace: 'team-a' }],
    ['events', { namespace: 'team-a', kind: 'Secret' }],
    ['watch', { kind: 'Secret', namespace: 'team-a', objects: true, timeoutSeconds: 1 }],
    ['apply', { manifest: 'apiVersion: v1\nkind: Secret\nmetadata: {name: db-credentials, namespace: team-a}\nstringData: {extra: visible-to-caller}\n', dryRun: true }],
  ];
  it.each(cases)('%s %j carries names and keys only', async (tool, args) => {
    const result = await server.call(tool, args);
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(leaks(everything(result))).toEqual([]);
  });

  it('the keys are still there in metadata mode', async () => {
    const out = await server.ok<{ items: Array<{ metadata: { name: string }; dataKeys: string[] }> }>('list', { kind: 'Secret', namespace: 'team-a', output: 'objects' });
    expect(out.items[0]?.dataKeys).toEqual(['password', 'token', 'username']);
  });

  it('a resource read of a Secret carries no value', async () => {
    const contents = await server.client.readResource({ uri: 'k8s://fake/team-a/Secret/db-credentials' });
    expect(leaks(everything(contents))).toEqual([]);
  });

  it('secrets: hidden refuses Secrets outright and hides the kind', async () => {
    for (const [tool, args] of [['get', { kind: 'Secret', name: 'db-credentials', namespace: 'team-a' }], ['list', { kind: 'Secret', namespace: 'team-a' }]] as const) {
      const out = await hidden.fails(tool, args);
      expect(out.code).toBe('K8S_REQUEST_REFUSED');
    }
    const kinds = (await hidden.ok<{ resources: Array<{ kind: string }> }>('api_resources', { limit: 1000 })).resources.map((r) => r.kind);
    expect(kinds).not.toContain('Secret');
  });

  it('secrets: reveal needs the destructive tier, and then shows values', async () => {
    await expect(connect({ kubeconfig: cluster.kubeconfig(), secrets: 'reveal', access: 'write' })).rejects.toMatchObject({ code: 'MCPCTL_K8S_OPTIONS_INVALID' });
    const reveal = await connect({ kubeconfig: cluster.kubeconfig(), secrets: 'reveal', access: 'destructive' });
    try {
      const out = await reveal.ok<{ text: string }>('get', { kind: 'Secret', name: 'db-credentials', namespace: 'team-a', format: 'json' });
      expect(JSON.parse(out.text).data.password).toBe(b64);
    } finally {
      await reveal.close();
    }
  });
});

describe('credentials never appear in a result, a resource or a log line', () => {
  const logLines: string[] = [];
  const logger = pino({ level: 'trace' }, new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } }));
  let server: Connected;
  const results: string[] = [];

  beforeAll(async () => {
    server = await connect({ kubeconfig: cluster.kubeconfig(), access: 'destructive' }, { logger: logger as unknown as Logger });
  });
  afterAll(() => server.close());

  it('no tool result of the whole surface carries the token', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      ['list_contexts', {}], ['api_resources', {}], ['list', { kind: 'Pod', namespace: 'team-a' }], ['get', { kind: 'Pod', name: 'web-5d9c-aaaaa', namespace: 'team-a' }],
      ['describe', { kind: 'Deployment', name: 'web', namespace: 'team-a' }], ['events', { namespace: 'team-a' }], ['logs', { pod: 'web-5d9c-aaaaa', namespace: 'team-a' }],
      ['top', {}], ['rollout_status', { name: 'web', namespace: 'team-a' }], ['watch', { kind: 'Pod', namespace: 'team-a', timeoutSeconds: 1, maxEvents: 2 }],
      ['exec', { pod: 'web-5d9c-aaaaa', namespace: 'team-a', command: ['echo', 'x'] }], ['get', { kind: 'Pod', name: 'nope', namespace: 'team-a' }],
    ];
    for (const [tool, args] of calls) results.push(everything(await server.call(tool, args)));
    expect(results.flatMap((r) => leaks(r))).toEqual([]);
  });

  it('an API error that echoes the credentials is redacted', async () => {
    fake().programs['leak'] = async ({ stderr }) => {
      stderr(`Authorization: Bearer ${fake().token}\n`);
      return 1;
    };
    const out = await server.call('exec', { pod: 'web-5d9c-aaaaa', namespace: 'team-a', command: ['leak'] });
    expect(leaks(everything(out))).toEqual([]);
  });

  it('a rejected token is reported without the token', async () => {
    const wrong = writeKubeconfig(fake().kubeconfig([{ name: 'fake', token: 'wrong-token-0123456789abcdef' }]));
    const bad = await connect({ kubeconfig: wrong.path });
    try {
      const out = await bad.fails('list', { kind: 'Pod', namespace: 'team-a' });
      expect(out.code).toBe('K8S_UNAUTHORIZED');
      expect(out.raw).not.toContain('wrong-token-0123456789abcdef');
    } finally {
      await bad.close();
      wrong.remove();
    }
  });

  it('an unreachable API server is reported without the token', async () => {
    const dead = writeKubeconfig(fake().kubeconfig().replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:1'));
    const bad = await connect({ kubeconfig: dead.path });
    try {
      const out = await bad.fails('get', { kind: 'Pod', name: 'x', namespace: 'team-a' });
      expect(out.code).toMatch(/K8S_CONNECTION|K8S_UNKNOWN_KIND/);
      expect(leaks(out.raw)).toEqual([]);
    } finally {
      await bad.close();
      dead.remove();
    }
  });

  it('a kubeconfig that does not parse is reported without quoting it', async () => {
    const broken = writeKubeconfig(`users:\n- name: u\n  user:\n    token: ${fake().token}\n  bad: [unclosed: ${fake().token}\n`);
    try {
      const error = await connect({ kubeconfig: broken.path }).then(() => undefined, (e: Error & { code?: string }) => e);
      expect(error?.code).toBe('MCPCTL_K8S_KUBECONFIG');
      expect(leaks(`${error?.message} ${(error as { hint?: string }).hint}`)).toEqual([]);
    } finally {
      broken.remove();
    }
  });

  it('an exec credential plugin\'s token stays out of results and errors', async () => {
    const dir = dirname(cluster.kubeconfig());
    const plugin = join(dir, 'credential-plugin.sh');
    writeFileSync(plugin, `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${fake().token}"}}'\n`);
    chmodSync(plugin, 0o755);
    const text = fake().kubeconfig().replace(/    token: .*/, `    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ${plugin}\n      interactiveMode: Never`);
    const file = writeKubeconfig(text);
    const viaPlugin = await connect({ kubeconfig: file.path, access: 'destructive' });
    try {
      const ok = await viaPlugin.call('list', { kind: 'Pod', namespace: 'team-a' });
      expect(ok.isError).toBeFalsy();
      fake().programs['leak'] = async ({ stderr }) => {
        stderr(`token=${fake().token}\n`);
        return 1;
      };
      const echoed = await viaPlugin.call('exec', { pod: 'web-5d9c-aaaaa', namespace: 'team-a', command: ['leak'] });
      expect(leaks(everything(ok) + everything(echoed))).toEqual([]);
    } finally {
      await viaPlugin.close();
      file.remove();
    }
  });

  it('no log line carried a credential', () => {
    // Trace level: every tool call was logged (with its failures' messages).
    expect(logLines.length).toBeGreaterThan(10);
    expect(leaks(logLines.join('\n'))).toEqual([]);
  });
});
