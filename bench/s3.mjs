#!/usr/bin/env node
// S3 benchmark (issue 14): against a local s3rver on 127.0.0.1 (started
// here, data kept in bench/.work/s3rver), the s3 plugin's tools through an
// in-process MCP client versus the same operations with @aws-sdk/client-s3
// directly (the floor): list_objects over 10,000 objects, get_object of 100
// small objects, put_object of 1,000 small objects, and a 1 MiB ranged read
// of text from a 256 MiB object (and, for contrast, of binary). Runs are interleaved so noise hits both alike.
// Then peak RSS of a full streamed read — the 256 MiB object read start to
// end with get_object, 1 MiB a call — against the same read of a 10 MiB
// object, each in its own child process. The entry allows 2 MiB results
// (maxResultBytes) so that 1 MiB of binary fits as base64.
// The data (10,000 + 100 small objects, 256 and 10 MiB of text, 16 MiB of
// binary) is generated on the first run and kept.
// Targets: ≤ 1.3× the direct client's time; RSS flat (within 20%).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { median, REPO } from './lib.mjs';

const WORK = join(REPO, 'bench/.work/s3rver');
const BUCKET = 'bench-bucket';
const LIST_COUNT = 10_000;
const SMALL = 100;
const PUTS = 1_000;
const MIB = 1024 * 1024;
const BIG_KEY = 'big/256mib.txt';
const MID_KEY = 'big/10mib.txt';
const BINARY_KEY = 'big/16mib.bin';
const RUNS = Number(process.env.BENCH_S3_RUNS ?? 7);
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, level: 'silent', child() { return silent; } };
const listKey = (i) => `list/${String(i).padStart(5, '0')}.txt`;
const smallKey = (i) => `small/${String(i).padStart(3, '0')}.json`;

function directClient(endpoint) {
  return new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', maxAttempts: 1 });
}

async function startMcp(endpoint) {
  const { createS3Server } = await import(join(REPO, 'plugins/s3/dist/server.js'));
  const entry = { type: 's3', endpoint, region: 'us-east-1', forcePathStyle: true, checksums: 'when_required', credentials: CREDENTIALS, maxAttempts: 1, access: 'write', buckets: [{ bucket: BUCKET }], maxResultBytes: 2 * MIB };
  const server = await createS3Server({ name: 'bench', entry }, { logger: silent, baseDir: REPO });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(clientSide);
  const call = async (name, args) => {
    const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 600_000 });
    if (result.isError) throw new Error(`${name}: ${result.content[0]?.text}`);
    return result.structuredContent;
  };
  return { call, close: async () => { await client.close(); await server.close(); } };
}

function s3rverBin() {
  const candidate = join(REPO, 'node_modules/s3rver/bin/s3rver.js');
  if (!existsSync(candidate)) throw new Error('s3rver is not installed: run npm install');
  return candidate;
}

/** s3rver in its own process; --openssl-legacy-provider or its ListObjectsV2 paging answers 500. */
async function startS3rver() {
  mkdirSync(WORK, { recursive: true });
  const child = spawn(process.execPath, ['--openssl-legacy-provider', s3rverBin(), '-d', WORK, '-a', '127.0.0.1', '-p', '0', '-s'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on [^:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.once('exit', (code) => reject(new Error(`s3rver exited (${code}): ${out}`)));
  });
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }) };
}

// ---------------------------------------------------------------- child: peak RSS of a full streamed read
if (process.argv[2] === '--rss-child') {
  const [, , , mode, endpoint, key] = process.argv;
  const started = performance.now();
  let bytes = 0;
  const hash = createHash('sha256');
  if (mode === 'mcp') {
    const mcp = await startMcp(endpoint);
    let offset = 0;
    for (;;) {
      const out = await mcp.call('get_object', { key, offset, length: MIB, as: 'text' });
      const chunk = Buffer.from(out.text, 'utf8');
      hash.update(chunk);
      bytes += chunk.length;
      offset += chunk.length;
      if (offset >= out.size || chunk.length === 0) break;
    }
    await mcp.close();
  } else {
    const client = directClient(endpoint);
    const response = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    for await (const chunk of response.Body) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    client.destroy();
  }
  process.stdout.write(JSON.stringify({ bytes, sha256: hash.digest('hex'), maxRssKb: process.resourceUsage().maxRSS, ms: performance.now() - started }));
  process.exit(0);
}

// ---------------------------------------------------------------- setup
async function ensureData(admin) {
  await admin.send(new CreateBucketCommand({ Bucket: BUCKET })).catch((error) => {
    if (!/BucketAlready/.test(error.name)) throw error;
  });
  const exists = (key) => admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).then(() => true, () => false);
  const putAll = async (keys, body) => {
    let next = 0;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (next < keys.length) {
        const key = keys[next++];
        await admin.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body(key), ContentType: 'text/plain' }));
      }
    }));
  };
  if (!(await exists(listKey(LIST_COUNT - 1)))) {
    const started = performance.now();
    await putAll(Array.from({ length: LIST_COUNT }, (_, i) => listKey(i)), (key) => `object ${key}`);
    console.log(`generated ${LIST_COUNT} objects in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (!(await exists(smallKey(SMALL - 1)))) await putAll(Array.from({ length: SMALL }, (_, i) => smallKey(i)), (key) => JSON.stringify({ key, payload: 'x'.repeat(2000) }));
  // Large text objects (hex lines, like a big log or CSV) and one binary object.
  for (const [key, size, text] of [[BIG_KEY, 256 * MIB, true], [MID_KEY, 10 * MIB, true], [BINARY_KEY, 16 * MIB, false]]) {
    const head = await admin.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).catch(() => undefined);
    if (head?.ContentLength === size) continue;
    const started = performance.now();
    // Streamed from a generator, so the bench itself never holds the object.
    const chunk = () => (text ? Buffer.from(randomBytes(MIB / 2).toString('hex').replace(/(.{127})./g, '$1\n')) : randomBytes(MIB));
    const body = Readable.from((function* () { for (let i = 0; i < size / MIB; i++) yield chunk(); })());
    await new Upload({ client: admin, params: { Bucket: BUCKET, Key: key, Body: body, ContentType: text ? 'text/plain; charset=utf-8' : 'application/octet-stream' }, partSize: 16 * MIB, queueSize: 2 }).done();
    console.log(`generated ${key} (${size / MIB} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

// ---------------------------------------------------------------- main
async function main() {
  if (!existsSync(join(REPO, 'plugins/s3/dist/server.js'))) throw new Error('plugins/s3 is not built: npm run build');
  const s3rver = await startS3rver();
  const direct = directClient(s3rver.endpoint);
  try {
    await ensureData(direct);
    const mcp = await startMcp(s3rver.endpoint);
    const scenarios = {
      list: {
        label: `list ${LIST_COUNT} objects, 1000 per page`,
        mcp: async () => {
          let count = 0;
          let cursor;
          do {
            const out = await mcp.call('list_objects', { prefix: 'list/', limit: 1000, ...(cursor ? { cursor } : {}) });
            count += out.objects.length;
            cursor = out.nextCursor;
          } while (cursor);
          return count;
        },
        direct: async () => {
          let count = 0;
          let token;
          do {
            const page = await direct.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', MaxKeys: 1000, ...(token ? { ContinuationToken: token } : {}) }));
            count += page.Contents?.length ?? 0;
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
          } while (token);
          return count;
        },
        expect: LIST_COUNT,
      },
      get: {
        label: `get ${SMALL} small objects (2 KB each), one after another`,
        mcp: async () => {
          let bytes = 0;
          for (let i = 0; i < SMALL; i++) bytes += (await mcp.call('get_object', { key: smallKey(i) })).bytes;
          return bytes;
        },
        direct: async () => {
          let bytes = 0;
          for (let i = 0; i < SMALL; i++) bytes += Buffer.byteLength(await (await direct.send(new GetObjectCommand({ Bucket: BUCKET, Key: smallKey(i) }))).Body.transformToString());
          return bytes;
        },
      },
      put: {
        label: `put ${PUTS} small objects (100 B each), one after another`,
        mcp: async () => {
          for (let i = 0; i < PUTS; i++) await mcp.call('put_object', { key: `put/mcp/${i}`, text: `small body ${i} `.padEnd(100, '.'), contentType: 'text/plain' });
          return PUTS;
        },
        direct: async () => {
          for (let i = 0; i < PUTS; i++) await direct.send(new PutObjectCommand({ Bucket: BUCKET, Key: `put/direct/${i}`, Body: `small body ${i} `.padEnd(100, '.'), ContentType: 'text/plain' }));
          return PUTS;
        },
        expect: PUTS,
      },
      range: {
        label: 'ranged read: 1 MiB of text from the middle of the 256 MiB object (time of 20 reads)',
        repeat: 20,
        mcp: async () => Buffer.byteLength((await mcp.call('get_object', { key: BIG_KEY, offset: 128 * MIB, length: MIB })).text),
        direct: async () => Buffer.byteLength(await (await direct.send(new GetObjectCommand({ Bucket: BUCKET, Key: BIG_KEY, Range: `bytes=${128 * MIB}-${129 * MIB - 1}` }))).Body.transformToString()),
        expect: MIB,
      },
      rangeBinary: {
        label: 'for contrast, ranged read of 1 MiB of binary, which MCP carries as base64 inside JSON (time of 20 reads)',
        repeat: 20,
        mcp: async () => Buffer.from((await mcp.call('get_object', { key: BINARY_KEY, offset: 8 * MIB, length: MIB, as: 'base64' })).base64, 'base64').length,
        direct: async () => (await (await direct.send(new GetObjectCommand({ Bucket: BUCKET, Key: BINARY_KEY, Range: `bytes=${8 * MIB}-${9 * MIB - 1}` }))).Body.transformToByteArray()).length,
        expect: MIB,
      },
    };
    const timings = {};
    for (const [name, scenario] of Object.entries(scenarios)) {
      // Same work on both sides, checked once (and a warm-up).
      const a = await scenario.mcp();
      const b = await scenario.direct();
      if (a !== b || (scenario.expect !== undefined && a !== scenario.expect)) throw new Error(`${name}: mcpctl gave ${a}, the SDK ${b}`);
      timings[name] = { mcp: [], direct: [] };
      for (let run = 0; run < RUNS; run++) {
        for (const side of run % 2 ? ['direct', 'mcp'] : ['mcp', 'direct']) {
          const started = performance.now();
          for (let i = 0; i < (scenario.repeat ?? 1); i++) await scenario[side]();
          timings[name][side].push(performance.now() - started);
        }
      }
    }
    await mcp.close();

    console.log(`\nmachine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine skews wall-clock medians)`);
    console.log(`s3rver ${s3rver.endpoint} (disk: bench/.work/s3rver); medians of ${RUNS} interleaved runs; mcpctl = the s3 plugin through an in-process MCP client\n`);
    for (const [name, scenario] of Object.entries(scenarios)) {
      const m = median(timings[name].mcp);
      const d = median(timings[name].direct);
      console.log(scenario.label);
      console.log(`  mcpctl s3 tools             ${m.toFixed(1)} ms`);
      console.log(`  @aws-sdk/client-s3 direct   ${d.toFixed(1)} ms   ratio ${(m / d).toFixed(2)}x (target ≤ 1.3x)`);
    }

    console.log('\npeak RSS of a full streamed read (each in its own child process)');
    const child = (mode, key) => {
      const run = spawnSync(process.execPath, [import.meta.filename, '--rss-child', mode, s3rver.endpoint, key], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
      if (run.status !== 0) throw new Error(`child ${mode} ${key} failed: ${run.stderr}`);
      return JSON.parse(run.stdout);
    };
    const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;
    const pct = (a, b) => { const g = (b / a - 1) * 100; return `${g >= 0 ? '+' : ''}${g.toFixed(1)}%`; };
    for (const [mode, label] of [['mcp', 'mcpctl get_object, 1 MiB per call, start to end'], ['direct', 'for contrast, @aws-sdk/client-s3 GetObject streamed']]) {
      const small = child(mode, MID_KEY);
      const large = child(mode, BIG_KEY);
      if (mode === 'mcp') {
        const check = child('direct', BIG_KEY);
        if (check.sha256 !== large.sha256) throw new Error('mcpctl read other bytes than the SDK');
      }
      console.log(`  ${label}`);
      console.log(`    10 MiB    peak RSS ${mb(small.maxRssKb)}   (${(small.bytes / MIB).toFixed(0)} MiB in ${(small.ms / 1000).toFixed(1)} s)`);
      console.log(`    256 MiB   peak RSS ${mb(large.maxRssKb)}   (${(large.bytes / MIB).toFixed(0)} MiB in ${(large.ms / 1000).toFixed(1)} s)`);
      console.log(`    10 → 256 MiB: peak RSS ${pct(small.maxRssKb, large.maxRssKb)} (target: flat within 20%)`);
    }
  } finally {
    direct.destroy();
    await s3rver.stop();
  }
}

await main();
