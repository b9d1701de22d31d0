#!/usr/bin/env node
// npm run bench:k8s — the k8s server (issue 15) on the fake API server of the
// plugin's tests (HTTPS on 127.0.0.1, bearer token, 5,000 pods in one
// namespace, one pod with 10 MiB of logs), run in its own process, side by side:
//   (a) mcpctl: `mcpctl serve cluster` over stdio, an SDK client calling
//       list (all pods, paged 1,000 at a time with nextCursor), get ×100, logs capped at 1 MiB;
//   (b) the Go kubernetes-mcp-server (npm package kubernetes-mcp-server-linux-amd64,
//       installed into bench/.work/k8s-go on first use) over stdio, the same
//       client calling pods_list_in_namespace, pods_get ×100, pods_log;
//   (i) mcpctl in-process: the plugin's server with an SDK client over InMemoryTransport (as bench:s3/db measure);
//   (c) the floor: @kubernetes/client-node directly (CoreV1Api: listNamespacedPod
//       with limit/continue, readNamespacedPod ×100, readNamespacedPodLog with limitBytes);
//   (p) logs only: a bare SDK server over stdio (`node bench/k8s.mjs --sdk-pipe`) answering with
//       1 MiB of the same log lines and no cluster behind it — what the SDK's stdio framing alone
//       costs for those bytes, so (a)/(c) can be read next to it.
// Each server is started once and warmed up; then RUNS (default 5; env
// BENCH_K8S_RUNS) interleaved rounds time each operation; medians are compared
// with the targets (a)/(b) ≤ 1.0 and ≤ 1.3× the direct client ((i)/(c); (a)/(c) is shown too).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, REPO } from './lib.mjs';

const PODS = 5000;
const NAMESPACE = 'bulk';
const LOG_POD = 'bulk-00000';
const MIB = 1024 * 1024;
const RUNS = Math.max(1, Number(process.env.BENCH_K8S_RUNS ?? 5));
const GO_VERSION = '0.0.67';
const GO_DIR = join(REPO, 'bench/.work/k8s-go');
const GO_BIN = join(GO_DIR, 'node_modules/kubernetes-mcp-server-linux-amd64/bin/kubernetes-mcp-server-linux-amd64');
const NODE = process.execPath;
const LOG_LINE = 'I0101 00:00:00.000000       1 main.go:42] request served in 3ms, status 200, bytes 1234, path /api/v1/things\n';

// ---------------------------------------------------------------- the fake API server, run as `node bench/k8s.mjs --fake <kubeconfig>`
if (process.argv[2] === '--fake') {
  // The fake is TypeScript test support; Node strips its types. Its imports name ".js" files: map them to the ".ts" sources.
  registerHooks({
    resolve(specifier, context, next) {
      if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
        const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
        if (existsSync(fileURLToPath(ts))) return next(ts.href, context);
      }
      return next(specifier, context);
    },
  });
  const { FakeApiServer } = await import(pathToFileURL(join(REPO, 'plugins/k8s/test/support/fake/server.ts')).href);
  const { seedCluster } = await import(pathToFileURL(join(REPO, 'plugins/k8s/test/support/fixtures.ts')).href);
  const fake = await FakeApiServer.start();
  seedCluster(fake, { bulkPods: PODS });
  fake.setLog(NAMESPACE, LOG_POD, LOG_LINE.repeat(Math.ceil((10 * MIB) / LOG_LINE.length)));
  writeFileSync(process.argv[3], fake.kubeconfig());
  process.stdout.write(`ready ${fake.url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => fake.close().then(() => process.exit(0)));
  await new Promise(() => {});
}

// ---------------------------------------------------------------- the bare SDK pipe, run as `node bench/k8s.mjs --sdk-pipe`
if (process.argv[2] === '--sdk-pipe') {
  const { McpServer } = await import('@modelcontextprotocol/sdk/server/mcp.js');
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const text = LOG_LINE.repeat(Math.ceil(MIB / LOG_LINE.length)).slice(0, MIB);
  const server = new McpServer({ name: 'sdk-pipe', version: '1.0.0' });
  server.registerTool('logs', { description: '1 MiB of log lines' }, async () => ({ content: [{ type: 'text', text: 'log' }, { type: 'text', text }] }));
  await server.connect(new StdioServerTransport());
  await new Promise(() => {});
}

const work = mkdtempSync(join(tmpdir(), 'mcpctl-bench-k8s-'));
const kubeconfig = join(work, 'kubeconfig');
const children = [];
const cleanup = () => {
  for (const child of children) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanup);

function startFake() {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [fileURLToPath(import.meta.url), '--fake', kubeconfig], { stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(child);
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('ready ')) resolve(out.trim().split(' ')[1]);
    });
    child.on('exit', (code) => reject(new Error(`the fake API server exited (${code})`)));
  });
}

/** The Go server from the npm registry, installed on first use (like the Inspector for bench:client). */
function ensureGoServer() {
  if (existsSync(GO_BIN)) return { ok: true };
  mkdirSync(GO_DIR, { recursive: true });
  if (!existsSync(join(GO_DIR, 'package.json'))) writeFileSync(join(GO_DIR, 'package.json'), '{ "private": true }\n');
  console.error(`installing kubernetes-mcp-server-linux-amd64@${GO_VERSION} into bench/.work/k8s-go …`);
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', `kubernetes-mcp-server-linux-amd64@${GO_VERSION}`], { cwd: GO_DIR, stdio: 'inherit' });
  if (npm.status !== 0 || !existsSync(GO_BIN)) return { ok: false, why: `npm install of kubernetes-mcp-server-linux-amd64 failed (exit ${npm.status})` };
  return { ok: true };
}

async function mcpClient(command, args, env = {}) {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
  const client = new Client({ name: 'bench-k8s', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command, args, cwd: work, stderr: 'ignore', env: { ...process.env, HOME: work, ...env } }));
  const call = async (name, args) => {
    const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 600_000 });
    if (result.isError) throw new Error(`${name}: ${result.content?.[0]?.text}`);
    return result;
  };
  return { call, close: () => client.close() };
}

function podNames() {
  return Array.from({ length: 100 }, (_, i) => `bulk-${String(i * 37).padStart(5, '0')}`);
}

const variants = {};

variants.a = {
  label: 'mcpctl (serve, stdio)',
  async start() {
    writeFileSync(join(work, 'mcpctl.config.yaml'), `servers:\n  cluster: { type: k8s, kubeconfig: ${JSON.stringify(kubeconfig)}, maxResultBytes: ${MIB + 64 * 1024} }\n`);
    const env = { XDG_CONFIG_HOME: join(work, 'c'), XDG_STATE_HOME: join(work, 's'), XDG_CACHE_HOME: join(work, 'k'), XDG_DATA_HOME: join(work, 'd'), MCPCTL_LOG_LEVEL: 'error' };
    this.client = await mcpClient(NODE, [join(REPO, 'cli/bin/mcpctl.js'), '--config', join(work, 'mcpctl.config.yaml'), 'serve', 'cluster'], env);
  },
  async list() {
    let count = 0;
    let cursor;
    do {
      const page = (await this.client.call('list', { kind: 'Pod', namespace: NAMESPACE, limit: 1000, ...(cursor ? { cursor } : {}) })).structuredContent;
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return count;
  },
  async get() {
    let bytes = 0;
    for (const name of podNames()) bytes += (await this.client.call('get', { kind: 'Pod', name, namespace: NAMESPACE })).structuredContent.text.length;
    return bytes;
  },
  async logs() {
    return (await this.client.call('logs', { pod: LOG_POD, namespace: NAMESPACE, maxBytes: MIB })).structuredContent.bytes;
  },
  close() {
    return this.client.close();
  },
};

// (a) in-process: the same server built by the plugin and an SDK client over InMemoryTransport, as bench:s3 and
// bench:db measure their servers — the plugin's own cost over the library, without the stdio pipe and JSON framing.
variants.i = {
  label: 'mcpctl (in-process server, InMemoryTransport)',
  async start() {
    const { createK8sServer } = await import(pathToFileURL(join(REPO, 'plugins/k8s/dist/server.js')).href);
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const { InMemoryTransport } = await import('@modelcontextprotocol/sdk/inMemory.js');
    const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, level: 'silent', child() { return silent; } };
    this.server = await createK8sServer({ name: 'cluster', entry: { type: 'k8s', kubeconfig, maxResultBytes: MIB + 64 * 1024 } }, { logger: silent, baseDir: work });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await this.server.connect(serverSide);
    const client = new Client({ name: 'bench-k8s', version: '1.0.0' });
    await client.connect(clientSide);
    this.client = {
      async call(name, args) {
        const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 600_000 });
        if (result.isError) throw new Error(`${name}: ${result.content?.[0]?.text}`);
        return result;
      },
      close: async () => {
        await client.close();
        await this.server.close();
      },
    };
  },
  list: variants.a.list,
  get: variants.a.get,
  logs: variants.a.logs,
  close() {
    return this.client.close();
  },
};

variants.b = {
  label: 'kubernetes-mcp-server (Go, stdio)',
  async start() {
    this.client = await mcpClient(GO_BIN, ['--kubeconfig', kubeconfig, '--read-only', '--disable-multi-cluster', '--toolsets', 'core']);
  },
  async list() {
    const text = (await this.client.call('pods_list_in_namespace', { namespace: NAMESPACE })).content[0].text;
    return (text.match(/\nbulk\s+bulk-\d+/g) ?? text.match(/bulk-\d{5}/g) ?? []).length;
  },
  async get() {
    let bytes = 0;
    for (const name of podNames()) bytes += (await this.client.call('pods_get', { name, namespace: NAMESPACE })).content[0].text.length;
    return bytes;
  },
  async logs() {
    // pods_log has no byte cap; tail asks for as many lines as make 1 MiB (its default is the last 100 lines).
    return Buffer.byteLength((await this.client.call('pods_log', { name: LOG_POD, namespace: NAMESPACE, tail: Math.floor(MIB / LOG_LINE.length) })).content[0].text);
  },
  close() {
    return this.client.close();
  },
};

variants.c = {
  label: '@kubernetes/client-node (floor)',
  async start() {
    const { CoreV1Api, KubeConfig } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    this.core = kc.makeApiClient(CoreV1Api);
  },
  async list() {
    let count = 0;
    let token;
    do {
      const page = await this.core.listNamespacedPod({ namespace: NAMESPACE, limit: 1000, ...(token ? { _continue: token } : {}) });
      count += page.items.length;
      token = page.metadata?._continue;
    } while (token);
    return count;
  },
  async get() {
    let bytes = 0;
    for (const name of podNames()) bytes += JSON.stringify(await this.core.readNamespacedPod({ name, namespace: NAMESPACE })).length;
    return bytes;
  },
  async logs() {
    return Buffer.byteLength(await this.core.readNamespacedPodLog({ name: LOG_POD, namespace: NAMESPACE, limitBytes: MIB }));
  },
  close() {},
};

variants.p = {
  label: 'bare SDK server over stdio, 1 MiB of log text, no cluster (logs only)',
  async start() {
    this.client = await mcpClient(NODE, [fileURLToPath(import.meta.url), '--sdk-pipe']);
  },
  async logs() {
    return Buffer.byteLength((await this.client.call('logs', {})).content[1].text);
  },
  close() {
    return this.client.close();
  },
};

const OPS = [
  ['list', `list all ${PODS} pods`],
  ['get', 'get 100 pods'],
  ['logs', 'logs of 10 MiB, cap 1 MiB'],
];

try {
  const url = await startFake();
  const go = ensureGoServer();
  const active = ['a', 'i', ...(go.ok ? ['b'] : []), 'c', 'p'];
  // A variant without an operation sits it out (the bare pipe only answers logs).
  const runs = (id, op) => typeof variants[id][op] === 'function';
  if (!go.ok) console.error(`(b) skipped: ${go.why}`);
  for (const id of active) await variants[id].start();
  const sizes = {};
  // Warm-up: one round of everything (JIT, connection pools, discovery caches).
  for (const id of active) for (const [op] of OPS) if (runs(id, op)) sizes[`${id}.${op}`] = await variants[id][op]();
  const times = Object.fromEntries(active.flatMap((id) => OPS.filter(([op]) => runs(id, op)).map(([op]) => [`${id}.${op}`, []])));
  for (let run = 0; run < RUNS; run++) {
    for (const [op] of OPS) {
      for (const id of active) {
        if (!runs(id, op)) continue;
        const started = performance.now();
        await variants[id][op]();
        times[`${id}.${op}`].push(performance.now() - started);
      }
    }
    process.stderr.write(`\rround ${run + 1}/${RUNS}`);
  }
  process.stderr.write('\n');
  for (const id of active) await variants[id].close();

  console.log(`\nk8s server on the fake API server (${url}, ${PODS} pods) — ${RUNS} rounds, median ms, node ${process.version}, ${cpus().length} cores\n`);
  console.log(`${'operation'.padEnd(28)}${active.map((id) => `(${id})`.padStart(12)).join('')}   (a)/(b)   (a)/(c)   (i)/(c)`);
  let passGo = true;
  let passStdio = true;
  let passFloor = true;
  let pipeNote = '';
  for (const [op, label] of OPS) {
    const med = Object.fromEntries(active.filter((id) => runs(id, op)).map((id) => [id, median(times[`${id}.${op}`])]));
    const ab = med.b !== undefined ? med.a / med.b : undefined;
    const ac = med.a / med.c;
    const ic = med.i / med.c;
    if (ab !== undefined && ab > 1.0) passGo = false;
    if (ac > 1.3) passStdio = false;
    if (ic > 1.3) passFloor = false;
    if (op === 'logs' && med.p !== undefined) pipeNote = `logs: the bare SDK pipe (p) alone is ${(med.p / med.c).toFixed(2)}× the floor for the same 1 MiB; mcpctl over stdio (a) is ${(med.a / med.p).toFixed(2)}× the bare pipe`;
    console.log(`${label.padEnd(28)}${active.map((id) => (med[id] === undefined ? '—' : med[id].toFixed(1)).padStart(12)).join('')}   ${ab === undefined ? '   n/a' : ab.toFixed(2).padStart(6)}    ${ac.toFixed(2).padStart(6)}    ${ic.toFixed(2).padStart(6)}`);
  }
  console.log('\nwhat each returned (warm-up round): ' + active.map((id) => `(${id}) ` + OPS.filter(([op]) => runs(id, op)).map(([op]) => `${op} ${sizes[`${id}.${op}`]}`).join(', ')).join('; '));
  console.log('list: items for (a) and (c), pod rows in the table text for (b); get: characters; logs: bytes.');
  for (const id of active) console.log(`(${id}) ${variants[id].label}`);
  if (pipeNote) console.log(pipeNote);
  console.log(`\ntarget (a)/(b) ≤ 1.0 (both over stdio): ${go.ok ? (passGo ? 'PASS' : 'FAIL') : 'not measured'}`);
  console.log(`target ≤ 1.3× the direct client: in-process (i)/(c) ${passFloor ? 'PASS' : 'FAIL'}; over stdio (a)/(c) ${passStdio ? 'PASS' : 'FAIL'} (adds the pipe and JSON-RPC framing the floor does not pay)`);
} finally {
  for (const child of children) child.stdin?.end();
}
