#!/usr/bin/env node
// Start-up benchmark: cold processes of `mcpctl --version`, `mcpctl --help` and
// `mcpctl --help` with 50 generated plugins installed, side by side with
// `node -e 0`, interleaved round by round so machine noise hits all alike.
// Prints medians and the ratios the targets are stated in.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, REPO as repo } from './lib.mjs';

const cli = join(repo, 'cli/bin/mcpctl.js');
const work = join(repo, 'bench/.work/startup');
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);

rmSync(work, { recursive: true, force: true });
const home = (name) => {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), XDG_CACHE_HOME: join(dir, 'cache'), XDG_STATE_HOME: join(dir, 'state') };
};
const plain = home('plain');
const crowded = home('crowded');
const pluginsDir = join(crowded.XDG_DATA_HOME, 'mcpctl/plugins');
for (let index = 0; index < 50; index += 1) {
  const name = `mcpctl-plugin-bench-${String(index).padStart(2, '0')}`;
  const dir = join(pluginsDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name, version: '1.0.0', type: 'module',
    mcpctl: {
      apiVersion: '^1.0.0', entry: './index.js', configSchema: './schema.json',
      provides: { commands: [{ path: [`bench${index}`, 'run'], summary: `Benchmark plugin ${index}`, category: 'Bench' }], serverTypes: [{ name: `bench${index}` }] },
    },
  }));
  writeFileSync(join(dir, 'index.js'), `export default { name: ${JSON.stringify(name)}, setup() {} };\n`);
  writeFileSync(join(dir, 'schema.json'), JSON.stringify({ $id: `https://example.com/${name}.json`, $defs: { [`serverType:bench${index}`]: { type: 'object' } } }));
}

const cases = [
  { label: 'node -e 0', args: ['-e', '0'], env: plain },
  { label: 'mcpctl --version', args: [cli, '--version'], env: plain },
  { label: 'mcpctl --help', args: [cli, '--help'], env: plain },
  { label: 'mcpctl --help (+50 plugins)', args: [cli, '--help'], env: crowded },
];

function once({ args, env }) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: work, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

// Warm-up: fills Node's compile cache and mcpctl's discovery cache, as on any machine after the first run.
for (const item of cases) for (let i = 0; i < 3; i += 1) once(item);
const samples = new Map(cases.map((item) => [item.label, []]));
for (let round = 0; round < rounds; round += 1) for (const item of cases) samples.get(item.label).push(once(item));

const m = Object.fromEntries([...samples].map(([label, values]) => [label, median(values)]));
const baseline = m['node -e 0'];
console.log(`startup, median of ${rounds} interleaved rounds (node ${process.version})`);
for (const item of cases) console.log(`  ${item.label.padEnd(30)} ${m[item.label].toFixed(1).padStart(7)} ms  ${(m[item.label] / baseline).toFixed(2)}× node -e 0`);
const checks = [
  ['--version ≤ 1.5× node -e 0', m['mcpctl --version'] / baseline, 1.5],
  ['--help ≤ 2× node -e 0', m['mcpctl --help'] / baseline, 2],
  ['50 plugins add ≤ 20% to --help', m['mcpctl --help (+50 plugins)'] / m['mcpctl --help'] - 1, 0.2],
];
let failed = 0;
for (const [label, value, limit] of checks) {
  const ok = value <= limit;
  if (!ok) failed += 1;
  console.log(`  ${ok ? 'PASS' : 'MISS'} ${label}: ${label.startsWith('50') ? `${(value * 100).toFixed(1)}%` : `${value.toFixed(2)}×`}`);
}
process.exitCode = failed ? 1 : 0;
