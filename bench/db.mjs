#!/usr/bin/env node
// Database benchmark (issue 5): against PostgreSQL with generated 10k- and
// 1M-row tables, the db plugin's `query` tool through an in-process MCP
// client versus the same statement through `pg` directly — one 500-row page,
// and paging through 100k rows — then peak RSS when paging through a whole
// 10k-row and a whole 1M-row table, each in its own child process, as
// shipped (the db plugin's memory policy caps V8's young generation) and,
// for contrast, with the policy stepping aside for an explicit V8 setting.
// Targets: ≤ 1.5× the direct driver's time; RSS flat (±20%) across sizes.
// PostgreSQL: MCPCTL_BENCH_PG_URL, else MCPCTL_TEST_PG_URL, else
// postgres://postgres@127.0.0.1:5432/postgres. The bench database
// (mcpctl_bench) is created once and kept for later runs.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { median, REPO as repo } from './lib.mjs';

const ADMIN_URL = process.env.MCPCTL_BENCH_PG_URL ?? process.env.MCPCTL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'mcpctl_bench';
const benchUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_DB}`;
  return url.href;
})();
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 40);
const SCAN_RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 7);
const PAGE = 500;
const SCAN_ROWS = 100_000;
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, level: 'silent', child() { return silent; } };

const ms = (value) => `${value.toFixed(2)} ms`;

async function startServer() {
  const { createDbServer } = await import(resolve(repo, 'plugins/db/dist/server.js'));
  const server = await createDbServer({ name: 'bench', entry: { type: 'db', url: benchUrl, maxRows: PAGE, statementTimeoutMs: 120_000 } }, { logger: silent, baseDir: repo });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(clientSide);
  const query = async (args) => {
    const result = await client.callTool({ name: 'query', arguments: args });
    if (result.isError) throw new Error(result.content[0]?.text);
    return result.structuredContent;
  };
  return { query, close: async () => { await client.close(); await server.close(); } };
}

/** Page through `sql` with the query tool; returns the number of rows. */
async function mcpScan(query, sql) {
  let page = await query({ sql });
  let rows = page.rows.length;
  while (page.nextCursor) {
    page = await query({ cursor: page.nextCursor });
    rows += page.rows.length;
  }
  return rows;
}

/** The same statement through pg: a server-side cursor read 500 rows at a time (as a careful application would). */
async function pgCursorScan(client, sql, pageSize, maxRows = Infinity) {
  await client.query('BEGIN READ ONLY');
  const cursor = client.query(new Cursor(sql, [], { rowMode: 'array' }));
  let rows = 0;
  for (;;) {
    const batch = await new Promise((ok, fail) => cursor.read(pageSize, (error, r) => (error ? fail(error) : ok(r))));
    rows += batch.length;
    if (batch.length < pageSize || rows >= maxRows) break;
  }
  await new Promise((ok) => cursor.close(() => ok()));
  await client.query('ROLLBACK');
  return rows;
}

// ---------------------------------------------------------------- child: peak RSS
if (process.argv[2] === '--rss-child') {
  const [, , , mode, table] = process.argv;
  let rows = 0;
  const started = performance.now();
  if (mode === 'mcp') {
    const server = await startServer();
    rows = await mcpScan(server.query, `SELECT * FROM ${table} ORDER BY id`);
    await server.close();
  } else {
    const client = new pg.Client({ connectionString: benchUrl });
    await client.connect();
    rows = (await client.query({ text: `SELECT * FROM ${table} ORDER BY id`, rowMode: 'array' })).rows.length;
    await client.end();
  }
  globalThis.gc?.();
  // The young generation's semi-space at the end (the policy caps it; V8 alone doubles it under load).
  const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  const semiSpaceMb = young ? Math.round((young.space_used_size + young.space_available_size) / 1048576) : 0;
  process.stdout.write(JSON.stringify({ rows, maxRssKb: process.resourceUsage().maxRSS, heapAfterGcKb: process.memoryUsage().heapUsed / 1024, semiSpaceMb, ms: performance.now() - started }));
  process.exit(0);
}

// ---------------------------------------------------------------- setup
async function ensureData() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB])).rowCount > 0;
  if (!exists) await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  for (const [table, count] of [['bench_10k', 10_000], ['bench_1m', 1_000_000]]) {
    const have = await client.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = $1`, [table]);
    const rows = have.rows[0].n ? (await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n : -1;
    if (rows === count) continue;
    const started = performance.now();
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`CREATE TABLE ${table} AS
      SELECT g AS id, md5(g::text) AS name, (g % 100000)::numeric / 100 AS amount,
             timestamptz '2026-01-01' + g * interval '1 second' AS created_at, g % 7 = 0 AS flagged
        FROM generate_series(1, ${count}) g`);
    await client.query(`ALTER TABLE ${table} ADD PRIMARY KEY (id)`);
    await client.query(`ANALYZE ${table}`);
    console.log(`generated ${table}: ${count} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await client.end();
}

// ---------------------------------------------------------------- main
async function main() {
  const probe = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await probe.connect();
  } catch (error) {
    console.error(`bench:db needs PostgreSQL at ${ADMIN_URL.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@')} (set MCPCTL_BENCH_PG_URL): ${error.message}`);
    process.exit(1);
  } finally {
    await probe.end().catch(() => undefined);
  }
  await ensureData();
  const server = await startServer();
  const direct = new pg.Client({ connectionString: benchUrl });
  await direct.connect();

  const pageSql = 'SELECT * FROM bench_1m ORDER BY id';
  const scanSql = `SELECT * FROM bench_1m WHERE id <= ${SCAN_ROWS} ORDER BY id`;
  const timings = { mcpPage: [], pgCursorPage: [], pgLimitPage: [], mcpScan: [], pgCursorScan: [], pgAllScan: [] };
  const time = async (bucket, fn) => {
    const started = performance.now();
    await fn();
    timings[bucket].push(performance.now() - started);
  };

  // Warm up both paths (plans, connections, JIT), then interleave runs so noise hits both alike.
  for (let i = 0; i < 5; i++) {
    const page = await server.query({ sql: `${pageSql} LIMIT ${PAGE + 1}` });
    if (page.rows.length !== PAGE || !page.truncated) throw new Error('unexpected first page');
    await server.query({ cursor: page.nextCursor });
    await pgCursorScan(direct, pageSql, PAGE, PAGE);
  }
  for (let i = 0; i < 2; i++) {
    await mcpScan(server.query, scanSql);
    await pgCursorScan(direct, scanSql, PAGE);
  }
  // One page: the statement yields 500 rows, so both sides open a cursor, read it to the end and close it.
  for (let i = 0; i < PAGE_RUNS; i++) {
    await time('mcpPage', () => server.query({ sql: `${pageSql} LIMIT ${PAGE}` }));
    await time('pgCursorPage', () => pgCursorScan(direct, `${pageSql} LIMIT ${PAGE}`, PAGE + 1));
    await time('pgLimitPage', () => direct.query({ text: `${pageSql} LIMIT ${PAGE}`, rowMode: 'array' }));
  }
  for (let i = 0; i < SCAN_RUNS; i++) {
    let rows = 0;
    await time('mcpScan', async () => { rows = await mcpScan(server.query, scanSql); });
    if (rows !== SCAN_ROWS) throw new Error(`mcp scan returned ${rows} rows`);
    await time('pgCursorScan', async () => { rows = await pgCursorScan(direct, scanSql, PAGE); });
    if (rows !== SCAN_ROWS) throw new Error(`pg scan returned ${rows} rows`);
    await time('pgAllScan', () => direct.query({ text: scanSql, rowMode: 'array' }));
  }
  await direct.end();
  await server.close();

  const m = Object.fromEntries(Object.entries(timings).map(([key, values]) => [key, median(values)]));
  console.log(`\nmachine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine skews wall-clock medians)`);
  console.log(`PostgreSQL ${benchUrl.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@')}; medians of ${PAGE_RUNS} page runs and ${SCAN_RUNS} scan runs\n`);
  console.log(`one 500-row page (${pageSql} LIMIT 500)`);
  console.log(`  mcpctl query tool (in-process client)  ${ms(m.mcpPage)}`);
  console.log(`  pg, server-side cursor                 ${ms(m.pgCursorPage)}   ratio ${(m.mcpPage / m.pgCursorPage).toFixed(2)}x (target ≤ 1.5x)`);
  console.log(`  pg, plain query                        ${ms(m.pgLimitPage)}   ratio ${(m.mcpPage / m.pgLimitPage).toFixed(2)}x`);
  console.log(`paging through ${SCAN_ROWS} rows, 500 per page (${scanSql})`);
  console.log(`  mcpctl query tool + nextCursor         ${ms(m.mcpScan)}`);
  console.log(`  pg, server-side cursor, 500 per read   ${ms(m.pgCursorScan)}   ratio ${(m.mcpScan / m.pgCursorScan).toFixed(2)}x (target ≤ 1.5x)`);
  console.log(`  pg, one query for all rows             ${ms(m.pgAllScan)}   ratio ${(m.mcpScan / m.pgAllScan).toFixed(2)}x`);

  console.log('\npeak RSS paging through a whole table, 500 rows per call (each in its own child process)');
  const child = (mode, table, flags = []) => {
    const run = spawnSync(process.execPath, ['--expose-gc', ...flags, import.meta.filename, '--rss-child', mode, table], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
    if (run.status !== 0) throw new Error(`child ${mode} ${table} failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
  };
  const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;
  const pct = (a, b) => { const g = (b / a - 1) * 100; return `${g >= 0 ? '+' : ''}${g.toFixed(1)}%`; };
  const report = (label, flags) => {
    const small = child('mcp', 'bench_10k', flags);
    const large = child('mcp', 'bench_1m', flags);
    console.log(`  ${label}`);
    console.log(`    10k rows   peak RSS ${mb(small.maxRssKb)}   live heap after GC ${mb(small.heapAfterGcKb)}   semi-space ${small.semiSpaceMb} MB   (${small.rows} rows, ${(small.ms / 1000).toFixed(1)} s)`);
    console.log(`    1M rows    peak RSS ${mb(large.maxRssKb)}   live heap after GC ${mb(large.heapAfterGcKb)}   semi-space ${large.semiSpaceMb} MB   (${large.rows} rows, ${(large.ms / 1000).toFixed(1)} s)`);
    console.log(`    10k → 1M   peak RSS ${pct(small.maxRssKb, large.maxRssKb)}, live heap ${pct(small.heapAfterGcKb, large.heapAfterGcKb)} (target: flat within ±20%)`);
  };
  report('mcpctl as shipped (node defaults; an open db server holds the kernel toolkit young-generation cap, 8 MB semi-spaces)', []);
  // An explicit semi-space flag makes the policy step aside; 2 is V8's own default, so this is V8's growth heuristic alone.
  report('for contrast, without the policy: node --semi-space-growth-factor=2 (V8 grows the young generation under sustained allocation, up to 64 MB semi-spaces)', ['--semi-space-growth-factor=2']);
  const naive = child('pg-all', 'bench_1m');
  console.log(`  for contrast, one pg query for all 1M rows: peak RSS ${mb(naive.maxRssKb)}`);
}

await main();
