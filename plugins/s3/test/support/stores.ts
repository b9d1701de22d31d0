import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';

/**
 * Real S3-compatible servers for the tests, started on 127.0.0.1 with a
 * free port, each in its own process:
 * - s3rver (disk-backed). Its own process runs with --openssl-legacy-provider,
 *   without which its ListObjectsV2 paging answers 500 on Node ≥ 17.
 * - fauxqs (in-memory), for correct paging at scale and multipart abort.
 * Both are dev dependencies from the npm registry, so they are always there:
 * a failure to start one fails the test.
 */

export type StoreKind = 's3rver' | 'fauxqs';

export interface Store {
  kind: StoreKind;
  endpoint: string;
  /** An unguarded client for setting up and inspecting the store (never the plugin's). */
  admin: S3Client;
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

export const TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

function packageDir(name: string): string {
  let dir = import.meta.dirname;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${name} is not installed (npm install in the repository)`);
    dir = parent;
  }
}

function waitForPort(child: ChildProcess, pattern: RegExp, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 20 s: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before listening: ${output}`));
    });
  });
}

export function adminClient(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
}

export async function startStore(kind: StoreKind): Promise<Store> {
  let child: ChildProcess;
  let port: number;
  let dataDir: string | undefined;
  if (kind === 's3rver') {
    dataDir = mkdtempSync(join(tmpdir(), 'mcpctl-s3rver-'));
    child = spawn(process.execPath, ['--openssl-legacy-provider', join(packageDir('s3rver'), 'bin/s3rver.js'), '-d', dataDir, '-a', '127.0.0.1', '-p', '0', '-s'], { stdio: ['ignore', 'pipe', 'pipe'] });
    port = await waitForPort(child, /listening on [^:]+:(\d+)/, 's3rver');
  } else {
    const app = join(packageDir('fauxqs'), 'dist/app.js');
    const script = `const { startFauxqs } = await import(${JSON.stringify(app)}); const s = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false }); console.log('FAUXQS PORT ' + s.port);`;
    child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    port = await waitForPort(child, /FAUXQS PORT (\d+)/, 'fauxqs');
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const admin = adminClient(endpoint);
  return {
    kind,
    endpoint,
    admin,
    async createBucket(name) {
      await admin.send(new CreateBucketCommand({ Bucket: name }));
    },
    async stop() {
      admin.destroy();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Put many small objects with bounded concurrency. */
export async function putMany(admin: S3Client, bucket: string, keys: string[], body: (key: string) => string = (key) => `body of ${key}`, concurrency = 32): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++] as string;
      await admin.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body(key), ContentType: 'text/plain' }));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Every object of a bucket with its size and the sha256 of its body: compare two snapshots to see any change. */
export async function snapshot(admin: S3Client, bucket: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await admin.send(new ListObjectsV2Command({ Bucket: bucket, ...(token ? { ContinuationToken: token } : {}) }));
    for (const item of page.Contents ?? []) {
      const body = await admin.send(new GetObjectCommand({ Bucket: bucket, Key: item.Key }));
      const bytes = await body.Body?.transformToByteArray();
      out.set(item.Key as string, `${item.Size}:${createHash('sha256').update(bytes ?? new Uint8Array()).digest('hex')}`);
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}
