#!/usr/bin/env node
// Benchmark: mcpctl's fs server vs @modelcontextprotocol/server-filesystem on one generated tree.
//   npm run bench:fs            (RUNS=7 by default)
// Both servers run as child processes over stdio, driven by the same SDK client.
// Reports medians, ratios, and each server's peak RSS (VmHWM from /proc/<pid>/status).
//
// Fairness: each client lists the tools first, as real MCP clients do; the SDK client then
// checks every result's structuredContent against the tool's outputSchema, on both sides.
// Before timing, each scenario's answers are checked to be the same work: the same matches,
// and for "read 100 files" every file's full text from both servers (a per-file error is
// not a failed call, so a server answering "error" for each file would otherwise look fast).
// Each timed pair runs after warm-up calls of each (see timePair), so no one-off start-up
// (process start, first-use caches, JIT compilation) is timed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { median, REPO } from './lib.mjs';

const WORK = join(REPO, 'bench/.work');
const TREE = join(WORK, 'tree');
const RUNS = Number(process.env.RUNS ?? 7);
const WARMUP_CALLS = 20;
const WARMUP_MS = 2000;
const GENERATOR = 'v1';

// ------------------------------------------------------------------ the tree
// Six directory levels (8 × 8 × 8 × 4 × 2 × 2 = 8192 leaf folders) × 13 files = 106,496 small files,
// plus four 8 MiB text files. About 1% of the small files contain NEEDLE.
const FANOUT = [8, 8, 8, 4, 2, 2];
const LEVEL_NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];
const FILES_PER_LEAF = 13;
const EXTENSIONS = ['ts', 'md', 'json', 'txt'];
const BIG_FILES = 4;
const BIG_BYTES = 8 * 1024 * 1024;

function* leaves(level = 0, prefix = []) {
  if (level === FANOUT.length) {
    yield prefix;
    return;
  }
  for (let i = 0; i < FANOUT[level]; i++) yield* leaves(level + 1, [...prefix, `${LEVEL_NAMES[level]}${i}`]);
}

function lineFor(seed, n) {
  return `line ${n} of item ${seed}: lorem ipsum dolor sit amet ${(seed * 7919 + n * 104729) % 100000}`;
}

function generate() {
  const meta = join(WORK, 'tree.json');
  if (existsSync(meta) && JSON.parse(readFileSync(meta, 'utf8')).generator === GENERATOR) return JSON.parse(readFileSync(meta, 'utf8'));
  console.error('generating the tree (once; kept in bench/.work)…');
  rmSync(TREE, { recursive: true, force: true });
  let files = 0;
  let needles = 0;
  let seed = 0;
  for (const parts of leaves()) {
    const dir = join(TREE, ...parts);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < FILES_PER_LEAF; f++) {
      seed++;
      const lines = 3 + (seed % 40);
      const body = [];
      for (let n = 1; n <= lines; n++) body.push(lineFor(seed, n));
      if (seed % 97 === 0) {
        body.splice(lines >> 1, 0, `here is the NEEDLE number ${seed}`);
        needles++;
      }
      writeFileSync(join(dir, `f${String(f).padStart(2, '0')}.${EXTENSIONS[f % EXTENSIONS.length]}`), body.join('\n') + '\n');
      files++;
    }
  }
  mkdirSync(join(TREE, 'big'), { recursive: true });
  for (let b = 0; b < BIG_FILES; b++) {
    const chunk = [];
    let size = 0;
    for (let n = 1; size < BIG_BYTES; n++) {
      const line = lineFor(b + 1_000_000, n);
      chunk.push(line);
      size += line.length + 1;
    }
    chunk.push(`the last NEEDLE of big file ${b}`);
    needles++;
    writeFileSync(join(TREE, 'big', `big-${b}.log`), chunk.join('\n') + '\n');
    files++;
  }
  const info = { generator: GENERATOR, files, needles, depth: FANOUT.length };
  writeFileSync(meta, JSON.stringify(info));
  return info;
}

// ------------------------------------------------------------------ servers
async function startServer(label, command, args, env = {}) {
  const transport = new StdioClientTransport({ command, args, env: { ...process.env, ...env }, stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  await client.listTools();
  return { label, client, pid: transport.pid };
}

function peakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function call(server, name, args) {
  const result = await server.client.callTool({ name, arguments: args }, undefined, { timeout: 600_000 });
  if (result.isError) throw new Error(`${server.label} ${name} failed: ${JSON.stringify(result.content).slice(0, 500)}`);
  return result;
}

/**
 * Median times of two functions, run alternately (a, b, a, b…) after a warm-up of each, so
 * both see the same machine load: on a shared 2-core box that matters more than anything.
 * The warm-up alternates too, until each side ran WARMUP_CALLS times or WARMUP_MS passed
 * (at least once): JIT compilation of a server's code path is a one-off start-up cost, and a
 * single warm-up call left a fast call (a few ms) measured mostly on unoptimized code.
 */
async function timePair(a, b, runs = RUNS) {
  const warmupEnd = performance.now() + WARMUP_MS;
  for (let i = 0; i === 0 || (i < WARMUP_CALLS && performance.now() < warmupEnd); i++) {
    await a();
    await b();
  }
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    await a();
    as.push(performance.now() - start);
    start = performance.now();
    await b();
    bs.push(performance.now() - start);
  }
  return [median(as), median(bs)];
}

// ------------------------------------------------------------------ main
const info = generate();
console.error(`tree: ${info.files} files, depth ${info.depth}, ${info.needles} NEEDLE lines, in ${TREE}`);

const config = join(WORK, 'mcpctl.config.yaml');
writeFileSync(config, `servers:\n  bench: { type: fs, roots: [${JSON.stringify(TREE)}] }\n`);
// Until the CLI ships the fs plugin as a built-in, load it through MCPCTL_PLUGINS.
const builtins = JSON.parse(readFileSync(join(REPO, 'cli/package.json'), 'utf8')).mcpctl.builtins;
const ours = await startServer('mcpctl', process.execPath, [join(REPO, 'cli/bin/mcpctl.js'), 'serve', 'bench', '--config', config], {
  ...(builtins.includes('@mcpctl/plugin-fs') ? {} : { MCPCTL_PLUGINS: join(REPO, 'plugins/fs') }),
  MCPCTL_LOG_LEVEL: 'error',
});
const reference = await startServer('reference', process.execPath, [join(REPO, 'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js'), TREE]);

const subtree = join(TREE, 'a3');
const pattern = '**/c3/**/f07.*';
const readPaths = [];
for (const parts of leaves()) {
  if (readPaths.length >= 100) break;
  if ((parts.join('').length + readPaths.length) % 3 === 0) readPaths.push(join(TREE, ...parts, `f0${readPaths.length % 10}.${EXTENSIONS[(readPaths.length % 10) % EXTENSIONS.length]}`));
}
for (const parts of leaves()) {
  if (readPaths.length >= 100) break;
  readPaths.push(join(TREE, ...parts, 'f12.ts'));
}

// Same work on both sides: every match, the whole subtree, the same 100 files.
const findOurs = await call(ours, 'find', { pattern, limit: 5000 });
const findRef = await call(reference, 'search_files', { path: TREE, pattern });
const refFound = findRef.structuredContent.content.split('\n').length;
if (findOurs.structuredContent.matches.length !== refFound || findOurs.structuredContent.truncated) {
  throw new Error(`find results differ: mcpctl ${findOurs.structuredContent.matches.length}, reference ${refFound}`);
}
const treeOurs = await call(ours, 'tree', { path: subtree, maxDepth: 64, maxEntries: 20000 });
if (treeOurs.structuredContent.truncated) throw new Error('tree was cut; raise maxEntries');
// Both must return every file's full text: ours one block per file (after a summary), the reference one text.
const readOurs = await call(ours, 'read_many', { paths: readPaths });
const readRef = await call(reference, 'read_multiple_files', { paths: readPaths });
for (const [i, path] of readPaths.entries()) {
  const text = readFileSync(path, 'utf8');
  if (readOurs.content[i + 1]?.text !== `==> ${path} <==\n${text}`) throw new Error(`mcpctl read_many did not return ${path} whole`);
  if (!readRef.content[0].text.includes(`${path}:\n${text}\n`)) throw new Error(`reference read_multiple_files did not return ${path} whole`);
}
const grepOurs = await call(ours, 'grep', { pattern: 'NEEDLE', literal: true, maxMatches: 5000 });
if (grepOurs.structuredContent.matches.length !== info.needles) throw new Error(`grep found ${grepOurs.structuredContent.matches.length} of ${info.needles}`);

const rows = [];
async function compare(label, target, oursFn, otherFn) {
  const [a, b] = await timePair(oursFn, otherFn);
  rows.push({ label, ours: a, other: b, ratio: a / b, target });
}

await compare(`find by glob (${refFound} matches in ${info.files} files)`, 0.33,
  () => call(ours, 'find', { pattern, limit: 5000 }),
  () => call(reference, 'search_files', { path: TREE, pattern }));
await compare(`tree of a subtree (${treeOurs.structuredContent.entries.length} entries)`, 0.33,
  () => call(ours, 'tree', { path: subtree, maxDepth: 64, maxEntries: 20000 }),
  () => call(reference, 'directory_tree', { path: subtree }));
await compare('read 100 files at once', 0.33,
  () => call(ours, 'read_many', { paths: readPaths }),
  () => call(reference, 'read_multiple_files', { paths: readPaths }));
await compare(`grep NEEDLE vs grep -rn (${info.needles} matches)`, 2,
  () => call(ours, 'grep', { pattern: 'NEEDLE', literal: true, maxMatches: 5000 }),
  async () => {
    const result = spawnSync('grep', ['-rn', 'NEEDLE', TREE], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.stdout.split('\n').filter(Boolean).length !== info.needles) throw new Error('grep -r found a different count');
  });

const rssOurs = peakRssMiB(ours.pid);
const rssRef = peakRssMiB(reference.pid);
await ours.client.close();
await reference.client.close();

// ------------------------------------------------------------------ report
const pad = (s, n) => String(s).padEnd(n);
const num = (ms) => `${ms.toFixed(1)} ms`;
console.log(`\nmcpctl fs vs @modelcontextprotocol/server-filesystem — medians of ${RUNS} alternating runs (after a warm-up)\n`);
console.log(`${pad('scenario', 52)}${pad('mcpctl', 13)}${pad('other', 13)}${pad('ratio', 9)}target   ok`);
let failed = 0;
for (const row of rows) {
  const ok = row.ratio <= row.target;
  if (!ok) failed++;
  console.log(`${pad(row.label, 52)}${pad(num(row.ours), 13)}${pad(num(row.other), 13)}${pad(row.ratio.toFixed(3), 9)}${pad(`≤ ${row.target}`, 9)}${ok ? 'yes' : 'NO'}`);
}
const rssOk = rssOurs <= rssRef;
if (!rssOk) failed++;
console.log(`${pad('peak RSS (VmHWM) of the server process', 52)}${pad(`${rssOurs.toFixed(1)} MiB`, 13)}${pad(`${rssRef.toFixed(1)} MiB`, 13)}${pad((rssOurs / rssRef).toFixed(3), 9)}${pad('≤ 1', 9)}${rssOk ? 'yes' : 'NO'}`);
console.log('\n"other" is the reference server, except for grep, which is compared with `grep -rn` (the reference has no grep).');
process.exitCode = failed === 0 ? 0 : 1;
