import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connected } from './client.js';
import { SECRET_STRING_DATA, SECRET_VALUE } from './fixtures.js';

/**
 * Every tool, in every tier, against a cluster: the fake API server, or a
 * real one when MCPCTL_TEST_KUBECONFIG is set. The cluster must hold the
 * fixture objects (fixtures.ts; seedRealCluster for a real one) in
 * `namespace`, and `otherNamespace` must exist but stay outside the
 * allow-list. Assertions on the fake's programs and logs run only there.
 */
export interface SuiteHarness {
  kubeconfig: () => string;
  namespace: () => string;
  otherNamespace: () => string;
  real: boolean;
}

export function defineToolSuite(label: string, harness: SuiteHarness): void {
  describe(`tool suite (${label})`, () => {
    let read: Connected;
    let write: Connected;
    let destructive: Connected;
    const ns = () => harness.namespace();

    beforeAll(async () => {
      const base = { kubeconfig: harness.kubeconfig(), namespaces: [harness.namespace()] };
      read = await connect({ ...base });
      write = await connect({ ...base, access: 'write' });
      destructive = await connect({ ...base, access: 'destructive' });
    });
    afterAll(async () => {
      await Promise.all([read?.close(), write?.close(), destructive?.close()]);
    });

    it('lists every tool with honest annotations per tier', async () => {
      const { tools } = await read.client.listTools();
      const byName = new Map(tools.map((t) => [t.name, t]));
      const readTools = ['list_contexts', 'api_resources', 'list', 'get', 'describe', 'events', 'logs', 'top', 'rollout_status', 'watch'];
      const writeTools = ['apply', 'scale', 'rollout_restart', 'label', 'annotate', 'cordon', 'uncordon'];
      const destructiveTools = ['delete', 'exec', 'drain'];
      expect([...byName.keys()].sort()).toEqual([...readTools, ...writeTools, ...destructiveTools].sort());
      for (const name of readTools) expect(byName.get(name)?.annotations, name).toMatchObject({ readOnlyHint: true, idempotentHint: true });
      for (const name of writeTools) expect(byName.get(name)?.annotations?.readOnlyHint, name).toBe(false);
      for (const name of destructiveTools) expect(byName.get(name)?.annotations?.destructiveHint, name).toBe(true);
      for (const tool of tools) {
        expect(tool.inputSchema.type, tool.name).toBe('object');
        expect(tool.outputSchema?.type, tool.name).toBe('object');
      }
    });

    it('list_contexts names contexts and servers, never credentials', async () => {
      const out = await read.ok<{ contexts: Array<{ name: string; server: string; default: boolean }> }>('list_contexts');
      expect(out.contexts.length).toBeGreaterThanOrEqual(1);
      expect(out.contexts[0]?.server).toMatch(/^https:\/\//);
      expect(out.contexts.filter((c) => c.default)).toHaveLength(1);
    });

    it('api_resources comes from discovery, CRDs included', async () => {
      const out = await read.ok<{ resources: Array<{ kind: string; group: string; namespaced: boolean }> }>('api_resources', { limit: 1000 });
      const kinds = out.resources.map((r) => `${r.group}/${r.kind}`);
      expect(kinds).toEqual(expect.arrayContaining(['/Pod', 'apps/Deployment', '/Namespace', 'apiextensions.k8s.io/CustomResourceDefinition']));
      if (!harness.real) expect(kinds).toContain('example.com/Widget');
      const core = await read.ok<{ resources: Array<{ group: string }> }>('api_resources', { group: '' });
      expect(core.resources.every((r) => r.group === '')).toBe(true);
    });

    it('list gives compact rows by default and full objects on request', async () => {
      const rows = await read.ok<{ items: Array<{ name: string; namespace: string; columns: Record<string, unknown> }>; truncated: boolean }>('list', { kind: 'Pod', namespace: ns() });
      expect(rows.items.length).toBeGreaterThan(0);
      expect(rows.items[0]).toMatchObject({ namespace: ns() });
      expect(Object.keys(rows.items[0]?.columns ?? {})).toEqual(expect.arrayContaining(['Ready', 'Status', 'Restarts', 'Age']));
      const objects = await read.ok<{ items: Array<{ metadata: { name: string; managedFields?: unknown } }> }>('list', { kind: 'deployments.apps', namespace: ns(), output: 'objects' });
      expect(objects.items.map((o) => o.metadata.name)).toContain('web');
      expect(objects.items[0]?.metadata.managedFields).toBeUndefined();
    });

    it('list filters with label and field selectors', async () => {
      const byLabel = await read.ok<{ items: Array<{ name: string }> }>('list', { kind: 'po', namespace: ns(), labelSelector: 'app=web' });
      expect(byLabel.items.length).toBeGreaterThan(0);
      expect(byLabel.items.every((i) => i.name.startsWith('web'))).toBe(true);
      const byField = await read.ok<{ items: Array<{ name: string }> }>('list', { kind: 'ConfigMap', namespace: ns(), fieldSelector: 'metadata.name=web-config' });
      expect(byField.items.map((i) => i.name)).toEqual(['web-config']);
      const bad = await read.fails('list', { kind: 'Pod', namespace: ns(), fieldSelector: 'spec.nonsense=1' });
      expect(bad.code).toMatch(/K8S_INVALID|K8S_API_ERROR/);
    });

    it('list pages with continue tokens', async () => {
      const first = await read.ok<{ items: unknown[]; nextCursor?: string; truncated: boolean }>('list', { kind: 'Pod', namespace: ns(), limit: 1 });
      expect(first.items).toHaveLength(1);
      expect(first.truncated).toBe(true);
      const second = await read.ok<{ items: Array<{ name: string }> }>('list', { kind: 'Pod', namespace: ns(), limit: 1, cursor: first.nextCursor });
      expect(second.items).toHaveLength(1);
      expect(second.items[0]).not.toEqual(first.items[0]);
      const reused = await read.fails('list', { kind: 'Service', namespace: ns(), limit: 1, cursor: first.nextCursor });
      expect(reused.code).toBe('INVALID_CURSOR');
    });

    it('list of an unknown kind is a clear error', async () => {
      const out = await read.fails('list', { kind: 'Gizmo' });
      expect(out.code).toBe('K8S_UNKNOWN_KIND');
      expect(out.text).toContain('api_resources');
    });

    it('get returns YAML or JSON without managedFields', async () => {
      const yaml = await read.ok<{ text: string; format: string }>('get', { kind: 'Deployment', name: 'web', namespace: ns() });
      expect(yaml.text).toContain('name: web');
      expect(yaml.text).not.toContain('managedFields');
      const json = await read.ok<{ text: string }>('get', { kind: 'deploy', name: 'web', namespace: ns(), format: 'json' });
      expect(JSON.parse(json.text).metadata.name).toBe('web');
      const missing = await read.fails('get', { kind: 'Pod', name: 'no-such-pod', namespace: ns() });
      expect(missing.code).toBe('K8S_NOT_FOUND');
    });

    it('get of a Secret shows names and keys, never values', async () => {
      const out = await read.ok<{ text: string }>('get', { kind: 'Secret', name: 'db-credentials', namespace: ns(), format: 'json' });
      const secret = JSON.parse(out.text);
      expect(secret.data).toBeUndefined();
      expect(secret.stringData).toBeUndefined();
      expect(secret.dataKeys).toEqual(expect.arrayContaining(['password', 'username']));
      expect(out.text).not.toContain(SECRET_VALUE);
      expect(out.text).not.toContain(Buffer.from(SECRET_VALUE).toString('base64'));
      expect(out.text).not.toContain(SECRET_STRING_DATA);
    });

    it('describe gives conditions, owned pods and events', async () => {
      const out = await read.ok<{ conditions: unknown[]; pods: Array<{ name: string }>; events: Array<{ reason: string }> }>('describe', { kind: 'Deployment', name: 'web', namespace: ns() });
      expect(out.pods.length).toBeGreaterThan(0);
      expect(out.pods.every((p) => p.name.startsWith('web'))).toBe(true);
      if (!harness.real) {
        expect(out.conditions.length).toBeGreaterThan(0);
        expect(out.events.map((e) => e.reason)).toEqual(['ProgressDeadline', 'ScalingReplicaSet']);
      }
    });

    it('events are filtered and newest first', async () => {
      const all = await read.ok<{ events: Array<{ lastSeen: string; type: string; object: string }> }>('events', { namespace: ns() });
      const times = all.events.map((e) => e.lastSeen);
      expect([...times].sort().reverse()).toEqual(times);
      if (!harness.real) {
        const warnings = await read.ok<{ events: Array<{ type: string }> }>('events', { namespace: ns(), type: 'Warning' });
        expect(warnings.events.length).toBe(2);
        expect(warnings.events.every((e) => e.type === 'Warning')).toBe(true);
        const ofPod = await read.ok<{ events: Array<{ object: string }> }>('events', { namespace: ns(), kind: 'Pod', name: 'web-5d9c-aaaaa' });
        expect(ofPod.events.map((e) => e.object)).toEqual(['Pod/web-5d9c-aaaaa']);
      }
    });

    it.skipIf(harness.real)('logs: tailLines, previous, byte cap, container choice', async () => {
      const log = async (args: Record<string, unknown>) => {
        const result = await read.call('logs', { namespace: ns(), ...args });
        if (result.isError) throw new Error(JSON.stringify(result.content));
        // A summary line first, then the log text in its own block.
        return { ...(result.structuredContent as { bytes: number; truncated: boolean }), summary: (result.content[0] as { text: string }).text, text: (result.content[1] as { text: string }).text };
      };
      const tail = await log({ pod: 'web-5d9c-aaaaa', tailLines: 2 });
      expect(tail).toMatchObject({ text: 'line 49 of web\nline 50 of web\n', truncated: false, bytes: 30 });
      expect(tail.summary).toContain('30 bytes');
      expect((await log({ pod: 'web-5d9c-aaaaa', previous: true })).text).toContain('out of memory');
      const capped = await log({ pod: 'web-5d9c-aaaaa', maxBytes: 20 });
      expect(capped).toMatchObject({ truncated: true, bytes: 20, text: 'line 1 of web\nline 2' });
      const ambiguous = await read.fails('logs', { pod: 'sidecar-pod', namespace: ns() });
      expect(ambiguous.text).toContain('container name must be specified');
      expect((await log({ pod: 'sidecar-pod', container: 'main' })).text).toBe('main says hi\n');
    });

    it('top says clearly when the metrics API is missing, or reports usage', async () => {
      const result = await read.call('top', { namespace: ns() });
      if (result.isError) expect((result._meta?.['dev.mcpctl/error'] as { code: string }).code).toBe('K8S_METRICS_UNAVAILABLE');
      else expect((result.structuredContent as { items: unknown[] }).items).toBeInstanceOf(Array);
    });

    it('rollout_status reports a finished rollout', async () => {
      const out = await read.ok<{ done: boolean; message: string }>('rollout_status', { name: 'web', namespace: ns(), waitSeconds: harness.real ? 120 : 0 });
      expect(out.done).toBe(true);
      expect(out.message).toContain('successfully rolled out');
    });

    it('watch collects changes until its limit', async () => {
      const out = await read.ok<{ events: Array<{ type: string; name: string }>; ended: string }>('watch', { kind: 'ConfigMap', namespace: ns(), timeoutSeconds: 2, maxEvents: 1 });
      expect(out.ended).toBe('maxEvents');
      expect(out.events[0]?.type).toBe('ADDED');
    });

    it('write tools are refused in the read tier', async () => {
      for (const [tool, args] of [['apply', { manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}' }], ['scale', { name: 'web', replicas: 1 }], ['label', { kind: 'Pod', name: 'x', set: { a: 'b' } }]] as const) {
        const out = await read.fails(tool, { ...args, namespace: ns() });
        expect(out.code, tool).toBe('ACCESS_DENIED');
      }
    });

    it('apply dry-runs, diffs, then applies with field manager mcpctl', async () => {
      const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied-cm\n  namespace: ${ns()}\ndata:\n  color: blue\n`;
      const dry = await write.ok<{ dryRun: boolean; results: Array<{ action: string; diff: string; applied: boolean }> }>('apply', { manifest, dryRun: true });
      expect(dry.results[0]).toMatchObject({ action: 'create', applied: false });
      expect(dry.results[0]?.diff).toContain('+  color: blue');
      const missing = await read.fails('get', { kind: 'ConfigMap', name: 'applied-cm', namespace: ns() });
      expect(missing.code).toBe('K8S_NOT_FOUND');
      const applied = await write.ok<{ results: Array<{ action: string; applied: boolean }> }>('apply', { manifest });
      expect(applied.results[0]).toMatchObject({ action: 'create', applied: true });
      const again = await write.ok<{ results: Array<{ action: string }> }>('apply', { manifest });
      expect(again.results[0]?.action).toBe('unchanged');
      const changed = await write.ok<{ results: Array<{ action: string; diff: string }> }>('apply', { manifest: manifest.replace('blue', 'green') });
      expect(changed.results[0]?.action).toBe('configure');
      expect(changed.results[0]?.diff).toMatch(/-\s+color: blue[\s\S]*\+\s+color: green/);
      const object = JSON.parse((await read.ok<{ text: string }>('get', { kind: 'ConfigMap', name: 'applied-cm', namespace: ns(), format: 'json' })).text);
      expect(object.data.color).toBe('green');
    });

    it('apply reports a bad manifest before sending anything', async () => {
      const bad = await write.fails('apply', { manifest: 'kind: ConfigMap\nmetadata: {name: x}' });
      expect(bad.code).toBe('K8S_BAD_MANIFEST');
      const yaml = await write.fails('apply', { manifest: 'a: [unclosed' });
      expect(yaml.code).toBe('K8S_BAD_MANIFEST');
    });

    it('scale changes replicas and reports the previous count', async () => {
      const out = await write.ok<{ previous: number; replicas: number }>('scale', { name: 'web', namespace: ns(), replicas: 3 });
      expect(out.replicas).toBe(3);
      const back = await write.ok<{ previous: number }>('scale', { name: 'web', namespace: ns(), replicas: out.previous });
      expect(back.previous).toBe(3);
    });

    it('rollout_restart stamps the pod template', async () => {
      const out = await write.ok<{ restartedAt: string }>('rollout_restart', { name: 'web', namespace: ns() });
      const object = JSON.parse((await read.ok<{ text: string }>('get', { kind: 'Deployment', name: 'web', namespace: ns(), format: 'json' })).text);
      expect(object.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe(out.restartedAt);
    });

    it('label and annotate set, refuse to overwrite, and remove', async () => {
      const set = await write.ok<{ values: Record<string, string>; changed: string[] }>('label', { kind: 'ConfigMap', name: 'web-config', namespace: ns(), set: { team: 'web' } });
      expect(set.values.team).toBe('web');
      const clash = await write.fails('label', { kind: 'ConfigMap', name: 'web-config', namespace: ns(), set: { team: 'db' } });
      expect(clash.code).toBe('K8S_CONFLICT');
      const over = await write.ok<{ values: Record<string, string> }>('label', { kind: 'ConfigMap', name: 'web-config', namespace: ns(), set: { team: 'db' }, overwrite: true });
      expect(over.values.team).toBe('db');
      const removed = await write.ok<{ values: Record<string, string>; removed: string[] }>('label', { kind: 'ConfigMap', name: 'web-config', namespace: ns(), remove: ['team'] });
      expect(removed.removed).toEqual(['team']);
      expect(removed.values.team).toBeUndefined();
      const badValue = await write.fails('label', { kind: 'ConfigMap', name: 'web-config', namespace: ns(), set: { team: 'has spaces' } });
      expect(badValue.code).toBe('INVALID_ARGUMENTS');
      const note = await write.ok<{ values: Record<string, string> }>('annotate', { kind: 'ConfigMap', name: 'web-config', namespace: ns(), set: { 'example.com/note': 'any text, even spaces' } });
      expect(note.values['example.com/note']).toBe('any text, even spaces');
    });

    it.skipIf(harness.real)('cordon and uncordon a node (cluster-scoped, allowed under a namespace allow-list)', async () => {
      const node = (await read.ok<{ items: Array<{ name: string }> }>('list', { kind: 'Node' })).items[0]?.name as string;
      const on = await write.ok<{ changed: boolean }>('cordon', { node });
      expect(on.changed).toBe(true);
      expect((await write.ok<{ changed: boolean }>('cordon', { node })).changed).toBe(false);
      expect((await write.ok<{ changed: boolean }>('uncordon', { node })).changed).toBe(true);
    });

    it('delete: by name with a dry run first, and by selector only with the confirmed count', async () => {
      await write.ok('apply', { manifest: ['a', 'b', 'c'].map((n) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: doomed-${n}\n  namespace: ${ns()}\n  labels: {doomed: "yes"}\n`).join('---\n') });
      expect((await write.fails('delete', { kind: 'ConfigMap', name: 'doomed-a', namespace: ns() })).code).toBe('ACCESS_DENIED');
      const dryOne = await destructive.ok<{ dryRun: boolean; deleted: unknown[] }>('delete', { kind: 'ConfigMap', name: 'doomed-a', namespace: ns(), dryRun: true });
      expect(dryOne.dryRun).toBe(true);
      await read.ok('get', { kind: 'ConfigMap', name: 'doomed-a', namespace: ns() });
      const dry = await destructive.ok<{ matched: number; deleted: unknown[] }>('delete', { kind: 'ConfigMap', namespace: ns(), labelSelector: 'doomed=yes', dryRun: true });
      expect(dry.matched).toBe(3);
      const unconfirmed = await destructive.fails('delete', { kind: 'ConfigMap', namespace: ns(), labelSelector: 'doomed=yes' });
      expect(unconfirmed.code).toBe('K8S_CONFIRM_MISMATCH');
      const wrong = await destructive.fails('delete', { kind: 'ConfigMap', namespace: ns(), labelSelector: 'doomed=yes', confirm: 2 });
      expect(wrong.code).toBe('K8S_CONFIRM_MISMATCH');
      const done = await destructive.ok<{ deleted: Array<{ name: string }> }>('delete', { kind: 'ConfigMap', namespace: ns(), labelSelector: 'doomed=yes', confirm: 3 });
      expect(done.deleted.map((d) => d.name).sort()).toEqual(['doomed-a', 'doomed-b', 'doomed-c']);
      const both = await destructive.fails('delete', { kind: 'ConfigMap', namespace: ns(), name: 'x', labelSelector: 'a=b' });
      expect(both.code).toBe('INVALID_ARGUMENTS');
    });

    it.skipIf(harness.real)('exec runs argv (no shell), feeds stdin, reports exit codes and caps output', async () => {
      const pod = 'web-5d9c-aaaaa';
      const echo = await destructive.ok<{ stdout: string; exitCode: number }>('exec', { pod, namespace: ns(), command: ['echo', 'hello', '$(whoami)', ';', 'rm -rf /'] });
      expect(echo).toMatchObject({ stdout: 'hello $(whoami) ; rm -rf /\n', exitCode: 0 });
      const cat = await destructive.ok<{ stdout: string }>('exec', { pod, namespace: ns(), command: ['cat'], stdin: 'piped in' });
      expect(cat.stdout).toBe('piped in');
      const failing = await destructive.ok<{ exitCode: number; stderr: string }>('exec', { pod, namespace: ns(), command: ['warn', 'bad thing'] });
      expect(failing).toMatchObject({ exitCode: 2, stderr: 'bad thing\n' });
      const missing = await destructive.fails('exec', { pod, namespace: ns(), command: ['no-such-binary'] });
      expect(missing.code).toBe('K8S_EXEC_FAILED');
      const flood = await destructive.ok<{ truncated: boolean; stdout: string }>('exec', { pod, namespace: ns(), command: ['yes'] });
      expect(flood.truncated).toBe(true);
      const slow = await destructive.ok<{ timedOut: boolean }>('exec', { pod, namespace: ns(), command: ['sleep', '30'], timeoutSeconds: 1 });
      expect(slow.timedOut).toBe(true);
    });

    it.skipIf(harness.real)('drain refuses unmanaged pods without force, then evicts the rest and skips DaemonSet pods', async () => {
      const blocked = await destructive.fails('drain', { node: 'node-1', timeoutSeconds: 5 });
      expect(blocked.code).toBe('K8S_CONFLICT');
      expect(blocked.text).toContain('not managed by a controller');
      const drained = await destructive.ok<{ evicted: Array<{ name: string }>; skipped: Array<{ name: string }>; remaining: unknown[] }>('drain', { node: 'node-2', timeoutSeconds: 10 });
      expect(drained.evicted.map((p) => p.name)).toContain('web-5d9c-bbbbb');
      expect(drained.skipped.map((p) => p.name)).toContain('agent-x1');
      expect(drained.remaining).toEqual([]);
      await destructive.ok('uncordon', { node: 'node-2' });
      await destructive.ok('uncordon', { node: 'node-1' });
    });

    it('resources: objects as k8s://context/namespace/kind/name', async () => {
      const { resourceTemplates } = await read.client.listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate)).toContain('k8s://{context}/{namespace}/{kind}/{name}');
      const { resources } = await read.client.listResources();
      const cm = resources.find((r) => r.uri.endsWith('/ConfigMap/web-config'));
      expect(cm, JSON.stringify(resources.slice(0, 5))).toBeDefined();
      const contents = await read.client.readResource({ uri: cm!.uri });
      expect((contents.contents[0] as { text: string }).text).toContain('name: web-config');
    });
  });
}
