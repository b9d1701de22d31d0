#!/usr/bin/env node
// npm run bench:client — one-shot tool calls against the same stdio server
// (@modelcontextprotocol/server-everything, tool `echo`), side by side:
//   (a) mcpctl call --cmd '<server>' echo message=hi
//   (b) the floor: a minimal script using only the SDK client (spawn, connect, call, close)
//   (c) the MCP Inspector CLI (--cli … --method tools/call), a dev dependency
// Each variant runs as a fresh process, interleaved, RUNS times (default 15; env BENCH_RUNS);
// medians are compared with the targets (a)/(b) ≤ 1.15 and (a)/(c) ≤ 0.5.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInspector, INSPECTOR_BIN, median, REPO as ROOT } from './lib.mjs';

const require = createRequire(import.meta.url);
const SERVER = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');
const NODE = process.execPath;

// ---------------------------------------------------------------- (b) the floor, run as `node bench/client.mjs --sdk-floor`
if (process.argv[2] === '--sdk-floor') {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
  const client = new Client({ name: 'floor', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: NODE, args: [SERVER, 'stdio'], stderr: 'ignore' }));
  const result = await client.callTool({ name: 'echo', arguments: { message: 'hi' } });
  process.stdout.write(`${result.content[0].text}\n`);
  await client.close();
  process.exit(0);
}

const RUNS = Math.max(10, Number(process.env.BENCH_RUNS ?? 15));
const home = mkdtempSync(join(tmpdir(), 'mcpctl-bench-'));
const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'c'), XDG_STATE_HOME: join(home, 's'), XDG_CACHE_HOME: join(home, 'k'), XDG_DATA_HOME: join(home, 'd') };
for (const key of Object.keys(env)) if (key.startsWith('MCPCTL_')) delete env[key];

const variants = [
  { id: 'a', label: 'mcpctl call (one-shot)', argv: [join(ROOT, 'cli', 'bin', 'mcpctl.js'), 'call', '--no-daemon', '--cmd', `"${NODE}" "${SERVER}" stdio`, 'echo', 'message=hi'] },
  { id: 'b', label: 'SDK client script (floor)', argv: [fileURLToPath(import.meta.url), '--sdk-floor'] },
];
const inspector = ensureInspector();
if (inspector.ok) {
  variants.push({ id: 'c', label: 'MCP Inspector CLI', argv: [INSPECTOR_BIN, '--cli', NODE, SERVER, 'stdio', '--method', 'tools/call', '--tool-name', 'echo', '--tool-arg', 'message=hi'] });
}

function runOnce(variant) {
  return new Promise((resolveRun, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(NODE, variant.argv, { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0 || !out.includes('Echo: hi')) reject(new Error(`${variant.label} failed (exit ${code}):\n${out}\n${err}`));
      else resolveRun(ms);
    });
  });
}

try {
  // One warm-up each (fills the OS page cache and Node's compile cache for every variant alike).
  for (const v of variants) await runOnce(v);
  const times = Object.fromEntries(variants.map((v) => [v.id, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const v of variants) times[v.id].push(await runOnce(v));
    process.stderr.write(`\rrun ${i + 1}/${RUNS}`);
  }
  process.stderr.write('\n');

  const med = Object.fromEntries(variants.map((v) => [v.id, median(times[v.id])]));
  console.log(`\nOne-shot tools/call of server-everything "echo" over stdio — ${RUNS} runs each, node ${process.version}\n`);
  console.log('variant                          median ms     min ms     max ms');
  for (const v of variants) {
    const t = times[v.id];
    console.log(`(${v.id}) ${v.label.padEnd(28)} ${med[v.id].toFixed(1).padStart(9)} ${Math.min(...t).toFixed(1).padStart(10)} ${Math.max(...t).toFixed(1).padStart(10)}`);
  }
  const ab = med.a / med.b;
  console.log(`\n(a)/(b) = ${ab.toFixed(3)}  target ≤ 1.15  ${ab <= 1.15 ? 'PASS' : 'FAIL'}`);
  if (med.c !== undefined) {
    const ac = med.a / med.c;
    console.log(`(a)/(c) = ${ac.toFixed(3)}  target ≤ 0.50  ${ac <= 0.5 ? 'PASS' : 'FAIL'}`);
  } else {
    console.log(`(a)/(c) not measured: the MCP Inspector CLI is unavailable (${inspector.why})`);
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
