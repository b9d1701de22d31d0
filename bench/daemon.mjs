#!/usr/bin/env node
// npm run bench:daemon — the daemon's warm sessions and its footprint.
//
// Part 1, one-shot tools/call of server-everything "echo" over stdio, side by side in one run
// (each variant a fresh process, interleaved, RUNS times; env BENCH_RUNS, default 15):
//   (a) mcpctl call ev echo message=hi        through a running daemon (warm session)
//   (b) mcpctl call --no-daemon ev echo …     direct: spawn, initialize, call, close
//   (c) node -e 0                             the floor for any Node CLI
//   (d) the MCP Inspector CLI on the same server (a dev dependency)
//   (e) for reference: a bare Node script sending the same tools/call with the plugin's RPC client (which loads the kernel)
// Targets: (a) ≤ 2 × (c) and (a) ≤ 0.1 × (d).
//
// Part 2, the daemon supervising 50 servers (a small SDK stdio server each):
// daemon RSS (target ≤ 100 MB) and how fast a server killed with SIGKILL is noticed (target ≤ 1 s).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ensureInspector, INSPECTOR_BIN, median, REPO as ROOT } from './lib.mjs';

const NODE = process.execPath;
const CLI = join(ROOT, 'cli', 'bin', 'mcpctl.js');
const require = createRequire(import.meta.url);
const EVERYTHING = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');
const SMALL_SERVER = join(ROOT, 'plugins', 'daemon', 'test', 'fixtures', 'fixture-server.mjs');
const DAEMON_PLUGIN = join(ROOT, 'plugins', 'daemon');
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 15));
const SUPERVISED = Number(process.env.BENCH_SERVERS ?? 50);
const run = promisify(execFile);

const { connectRpc } = await import(pathToFileURL(join(DAEMON_PLUGIN, 'dist', 'rpc', 'client.js')).href);
const { resolveDaemonPaths } = await import(pathToFileURL(join(DAEMON_PLUGIN, 'dist', 'paths.js')).href);

// ---------------------------------------------------------------- (e) the socket floor, run as `node bench/daemon.mjs --socket-floor`
// A bare script: Node start, the plugin's RPC client (it imports the kernel), one mcp.request.
if (process.argv[2] === '--socket-floor') {
  const client = await connectRpc(resolveDaemonPaths(process.env).socket);
  const result = await client.request('mcp.request', { name: 'ev', method: 'tools/call', params: { name: 'echo', arguments: { message: 'hi' } } });
  process.stdout.write(`${result.content[0].text}\n`);
  client.close();
  process.exit(0);
}

// A private HOME / XDG tree: the bench never touches the user's daemon.
const home = mkdtempSync(join(tmpdir(), 'mcb-'));
const env = { ...process.env, HOME: home, XDG_RUNTIME_DIR: join(home, 'r'), XDG_STATE_HOME: join(home, 's'), XDG_CONFIG_HOME: join(home, 'c'), XDG_CACHE_HOME: join(home, 'k'), XDG_DATA_HOME: join(home, 'd') };
for (const key of Object.keys(env)) if (key.startsWith('MCPCTL_')) delete env[key];
// Load the daemon plugin explicitly unless the CLI ships it built in.
const builtins = JSON.parse(readFileSync(join(ROOT, 'cli', 'package.json'), 'utf8')).mcpctl?.builtins ?? [];
if (!builtins.includes('@mcpctl/plugin-daemon')) env.MCPCTL_PLUGINS = DAEMON_PLUGIN;
const paths = resolveDaemonPaths(env);

async function mcpctl(config, args) {
  const { stdout } = await run(NODE, [CLI, '--config', config, ...args], { cwd: home, env, timeout: 120_000 });
  return stdout;
}

async function daemonRequest(method, params = {}) {
  const client = await connectRpc(paths.socket);
  try {
    return await client.request(method, params, { timeoutMs: 30_000 });
  } finally {
    client.close();
  }
}

async function until(probe, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function timeOnce(argv, expect) {
  return new Promise((resolveRun, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(NODE, argv, { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0 || (expect && !out.includes(expect))) reject(new Error(`${argv.join(' ')} failed (exit ${code}):\n${out}\n${err}`));
      else resolveRun(ms);
    });
  });
}

const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

async function partOne() {
  const config = join(home, 'one.config.json');
  writeFileSync(config, JSON.stringify({ servers: { ev: { type: 'stdio', command: NODE, args: [EVERYTHING, 'stdio'] } } }));
  await mcpctl(config, ['daemon', 'start']);
  await until(async () => (await daemonRequest('servers.status', { name: 'ev' })).state === 'running', 'ev running');

  const variants = [
    { id: 'a', label: 'mcpctl call (warm daemon)', argv: [CLI, '--config', config, 'call', 'ev', 'echo', 'message=hi'], expect: 'Echo: hi' },
    { id: 'b', label: 'mcpctl call --no-daemon', argv: [CLI, '--config', config, 'call', '--no-daemon', 'ev', 'echo', 'message=hi'], expect: 'Echo: hi' },
    { id: 'c', label: 'node -e 0', argv: ['-e', '0'] },
    { id: 'e', label: 'RPC client script (no CLI)', argv: [fileURLToPath(import.meta.url), '--socket-floor'], expect: 'Echo: hi' },
  ];
  const inspector = ensureInspector();
  if (inspector.ok) {
    variants.push({ id: 'd', label: 'MCP Inspector CLI', argv: [INSPECTOR_BIN, '--cli', NODE, EVERYTHING, 'stdio', '--method', 'tools/call', '--tool-name', 'echo', '--tool-arg', 'message=hi'], expect: 'Echo: hi' });
  }
  for (const variant of variants) await timeOnce(variant.argv, variant.expect); // warm-up: page cache, compile cache
  const before = (await daemonRequest('servers.status', { name: 'ev' })).calls;
  const times = Object.fromEntries(variants.map((variant) => [variant.id, []]));
  for (let round = 0; round < RUNS; round++) {
    for (const variant of variants) times[variant.id].push(await timeOnce(variant.argv, variant.expect));
    process.stderr.write(`\rpart 1: run ${round + 1}/${RUNS}`);
  }
  process.stderr.write('\n');
  const after = await daemonRequest('servers.status', { name: 'ev' });
  const execs = (await daemonRequest('daemon.status')).execs;
  await mcpctl(config, ['daemon', 'stop']);

  const med = Object.fromEntries(variants.map((variant) => [variant.id, median(times[variant.id])]));
  console.log(`\nPart 1 — one-shot tools/call of server-everything "echo" over stdio, ${RUNS} runs each, node ${process.version}\n`);
  console.log('variant                          median ms     min ms     max ms');
  for (const variant of variants) {
    const values = times[variant.id];
    console.log(`(${variant.id}) ${variant.label.padEnd(28)} ${med[variant.id].toFixed(1).padStart(9)} ${Math.min(...values).toFixed(1).padStart(10)} ${Math.max(...values).toFixed(1).padStart(10)}`);
  }
  // Each warm `call` is answered by the daemon's session (the command also lists tools for argument types).
  console.log(`\ncalls the daemon answered during (a): ${after.calls - before} over ${RUNS} runs of (a)`);
  // (a) is a thin client: the daemon runs the whole invocation in its warm process (see docs/daemon.md).
  console.log(`invocations the daemon ran for thin clients: ${execs?.ran ?? 0} (declined ${execs?.declined ?? 0}), warm-up included`);
  const ac = med.a / med.c;
  console.log(`(a)/(c) = ${ac.toFixed(2)}  target ≤ 2     ${verdict(ac <= 2)}`);
  if (med.d !== undefined) {
    const ad = med.a / med.d;
    console.log(`(a)/(d) = ${ad.toFixed(3)} target ≤ 0.1   ${verdict(ad <= 0.1)}`);
  } else {
    console.log(`(a)/(d) not measured: the MCP Inspector CLI is unavailable (${inspector.why})`);
  }
  console.log(`(b)/(a) = ${(med.b / med.a).toFixed(2)}  (what the warm session saves)`);
  console.log(`(e)/(c) = ${(med.e / med.c).toFixed(2)}  (one mcp.request from a script with the plugin's RPC client; (a) is a thin client that imports only Node built-ins and has the daemon run the whole command)`);
}

async function partTwo() {
  const config = join(home, 'many.config.json');
  const servers = {};
  for (let index = 0; index < SUPERVISED; index++) servers[`s${index}`] = { type: 'stdio', command: NODE, args: [SMALL_SERVER], env: { FIXTURE_NAME: `s${index}` } };
  writeFileSync(config, JSON.stringify({ servers, pluginConfig: { '@mcpctl/plugin-daemon': { health: { interval: '10s' }, backoff: { initial: 100 } } } }));
  const started = Date.now();
  await mcpctl(config, ['daemon', 'start']);
  const status = await daemonRequest('daemon.status');
  await until(async () => (await daemonRequest('servers.list')).servers.every((server) => server.state === 'running'), `${SUPERVISED} servers running`, 300_000);
  const allUp = Date.now() - started;
  // Exercise every session once, then let the heap settle before reading RSS.
  await Promise.all(Object.keys(servers).map((name) => daemonRequest('mcp.request', { name, method: 'tools/call', params: { name: 'echo', arguments: { text: name } } })));
  await new Promise((r) => setTimeout(r, 2000));
  const procStatus = readFileSync(`/proc/${status.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(procStatus)[1]);
  const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(procStatus)[1]);

  const detections = [];
  for (let kill = 0; kill < Math.min(10, SUPERVISED); kill++) {
    const name = `s${kill}`;
    const before = await daemonRequest('servers.status', { name });
    const killedAt = Date.now();
    process.kill(before.pid, 'SIGKILL');
    const noticed = await until(async () => {
      const now = await daemonRequest('servers.status', { name });
      return now.lastExit && now.lastExit.at !== before.lastExit?.at ? now : undefined;
    }, `${name} exit noticed`, 10_000);
    detections.push(Date.parse(noticed.lastExit.at) - killedAt);
    await until(async () => (await daemonRequest('servers.status', { name })).state === 'running', `${name} restarted`);
  }
  await mcpctl(config, ['daemon', 'stop']);

  console.log(`\nPart 2 — the daemon supervising ${SUPERVISED} stdio servers (all running after ${(allUp / 1000).toFixed(1)}s)\n`);
  console.log(`daemon RSS ${(rssKb / 1024).toFixed(1)} MiB (peak ${(hwmKb / 1024).toFixed(1)} MiB)   target ≤ 100 MB   ${verdict(rssKb * 1024 <= 100e6)}`);
  console.log(`SIGKILLed server noticed after: median ${median(detections)} ms, max ${Math.max(...detections)} ms   target ≤ 1000 ms   ${verdict(Math.max(...detections) <= 1000)}`);
}

try {
  await partOne();
  await partTwo();
} finally {
  await daemonRequest('daemon.stop').catch(() => undefined);
  await new Promise((r) => setTimeout(r, 500));
  rmSync(home, { recursive: true, force: true });
}
