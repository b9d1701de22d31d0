#!/usr/bin/env node
// Plugin installation benchmark, side by side in one run, interleaved round by round:
//  1. `mcpctl plugins install` of a fixture plugin with 5 dependencies from a local
//     verdaccio registry, versus `npm install --prefix <dir>` of the same package from
//     the same registry (target: ≤ 1.0× npm's time). Every round starts cold for both:
//     a fresh home / prefix and a fresh package cache.
//  2. `mcpctl --help` with 200 installed plugins versus none (target: ≤ +20%). The 200
//     are laid out exactly as `plugins install` leaves them (a store directory each,
//     linked from the user plugin folder); the discovery cache is warm, as after any run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, REPO as repo } from './lib.mjs';
import { startRegistry } from '../plugins/installer/test/helpers/registry.ts';

const cli = join(repo, 'cli/bin/mcpctl.js');
const work = join(repo, 'bench/.work/plugins');
const installRounds = Number(process.env.BENCH_INSTALL_ROUNDS ?? 10);
const helpRounds = Number(process.env.BENCH_ROUNDS ?? 30);

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

function homeEnv(dir) {
  mkdirSync(dir, { recursive: true });
  return { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), XDG_CACHE_HOME: join(dir, 'cache'), XDG_STATE_HOME: join(dir, 'state') };
}

function timed(command, args, options) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, env: { PATH: process.env.PATH, ...options.env } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stdout}${result.stderr}`);
  return ms;
}

// ---------------------------------------------------------------- 1. install
const registry = await startRegistry();
let installResults;
try {
  const token = await registry.addUser('bench', 'bench-pass');
  const packages = join(work, 'packages');
  const deps = {};
  for (let index = 1; index <= 5; index += 1) {
    const name = `mcpctl-bench-dep-${index}`;
    const dir = join(packages, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', exports: './index.js' }));
    writeFileSync(join(dir, 'index.js'), `export const value = ${index};\n`);
    await registry.publish(dir, token);
    deps[name] = '^1.0.0';
  }
  const plugin = join(packages, 'mcpctl-plugin-bench-five');
  mkdirSync(plugin, { recursive: true });
  writeFileSync(join(plugin, 'package.json'), JSON.stringify({
    name: 'mcpctl-plugin-bench-five', version: '1.0.0', type: 'module', dependencies: deps,
    mcpctl: { apiVersion: '^1.0.0', entry: './index.js', provides: { commands: [{ path: ['bench-five'], summary: 'Benchmark plugin with 5 dependencies' }] } },
  }));
  writeFileSync(join(plugin, 'index.js'), [
    ...Object.keys(deps).map((name, index) => `import { value as v${index} } from '${name}';`),
    "export default { name: 'mcpctl-plugin-bench-five', setup(ctx) { ctx.hooks.commands.tap((r) => r.register({ path: ['bench-five'], summary: 'Benchmark plugin with 5 dependencies', async run({ io }) { io.print(String(v0 + v1 + v2 + v3 + v4)); return 0; } })); } };",
  ].join('\n'));
  await registry.publish(plugin, token);

  const mcpctlInstall = (round) => {
    const env = homeEnv(join(work, 'install', `mcpctl-${round}`));
    return timed(process.execPath, [cli, 'plugins', 'install', 'mcpctl-plugin-bench-five', '--yes', '--registry', registry.url], { cwd: env.HOME, env });
  };
  const npmInstall = (round) => {
    const dir = join(work, 'install', `npm-${round}`);
    mkdirSync(dir, { recursive: true });
    return timed('npm', ['install', '--prefix', dir, 'mcpctl-plugin-bench-five', '--registry', registry.url, '--cache', join(dir, '.npm-cache'), '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel', 'error'], { cwd: dir, env: { HOME: dir } });
  };
  // Warm-up (Node's compile cache for both tools), then interleaved rounds.
  mcpctlInstall('warm');
  npmInstall('warm');
  const samples = { mcpctl: [], npm: [] };
  for (let round = 0; round < installRounds; round += 1) {
    samples.mcpctl.push(mcpctlInstall(round));
    samples.npm.push(npmInstall(round));
  }
  // The installed plugin works.
  const check = spawnSync(process.execPath, [cli, 'bench-five'], { cwd: work, env: { PATH: process.env.PATH, ...homeEnv(join(work, 'install', 'mcpctl-0')) }, encoding: 'utf8' });
  if (check.stdout.trim() !== '15') throw new Error(`the installed bench plugin did not run: ${check.stdout}${check.stderr}`);
  installResults = { mcpctl: median(samples.mcpctl), npm: median(samples.npm) };
} finally {
  await registry.stop();
}

// ---------------------------------------------------------------- 2. --help with 200 installed plugins
const plain = homeEnv(join(work, 'help-plain'));
const crowded = homeEnv(join(work, 'help-crowded'));
const userDir = join(crowded.XDG_DATA_HOME, 'mcpctl/plugins');
for (let index = 0; index < 200; index += 1) {
  const name = `mcpctl-plugin-bench-${String(index).padStart(3, '0')}`;
  const dir = join(userDir, '.store', `${name}@1.0.0-bench`, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name, version: '1.0.0', type: 'module',
    mcpctl: { apiVersion: '^1.0.0', entry: './index.js', provides: { commands: [{ path: [`bench${index}`, 'run'], summary: `Benchmark plugin ${index}`, category: 'Bench' }], serverTypes: [{ name: `bench${index}` }] } },
  }));
  writeFileSync(join(dir, 'index.js'), `export default { name: ${JSON.stringify(name)}, setup() {} };\n`);
  symlinkSync(join('.store', `${name}@1.0.0-bench`, 'node_modules', name), join(userDir, name), 'dir');
}
const helpCases = [
  { label: 'mcpctl --help', env: plain },
  { label: 'mcpctl --help (+200 installed plugins)', env: crowded },
];
const help = ({ env }) => timed(process.execPath, [cli, '--help'], { cwd: work, env });
for (const item of helpCases) for (let i = 0; i < 3; i += 1) help(item);
const helpSamples = new Map(helpCases.map((item) => [item.label, []]));
for (let round = 0; round < helpRounds; round += 1) for (const item of helpCases) helpSamples.get(item.label).push(help(item));
const helpMedians = Object.fromEntries([...helpSamples].map(([label, values]) => [label, median(values)]));

// ---------------------------------------------------------------- report
const fmt = (ms) => `${ms.toFixed(1).padStart(7)} ms`;
console.log(`install (median of ${installRounds}, cold caches, local verdaccio):`);
console.log(`  npm install --prefix                ${fmt(installResults.npm)}`);
console.log(`  mcpctl plugins install              ${fmt(installResults.mcpctl)}   ${(installResults.mcpctl / installResults.npm).toFixed(2)}× npm   (target ≤ 1.00×)`);
console.log(`--help (median of ${helpRounds}):`);
const base = helpMedians['mcpctl --help'];
const crowdedMs = helpMedians['mcpctl --help (+200 installed plugins)'];
console.log(`  mcpctl --help                       ${fmt(base)}`);
console.log(`  mcpctl --help (+200 installed)      ${fmt(crowdedMs)}   ${((crowdedMs / base - 1) * 100).toFixed(1)}%   (target ≤ +20%)`);
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
