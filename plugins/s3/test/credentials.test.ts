import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger, ServerEntry } from '@mcpctl/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './support/client.js';

/**
 * Credentials, against a small S3 stand-in on 127.0.0.1 that checks the
 * access key id in each request's signature (s3rver and fauxqs check no
 * signatures): static keys, a named profile from a shared credentials file,
 * the default chain from the environment; a refused key maps to
 * S3_CREDENTIALS; an unreachable store to S3_UNREACHABLE. No secret ever
 * appears in a result or a log line.
 */

const GOOD_KEY = 'AKIAGOODKEY000000001';
const PROFILE_KEY = 'AKIAPROFILE000000002';
const ENV_KEY = 'AKIAENVIRON000000003';
const SECRETS = ['good-secret-value-1', 'profile-secret-value-2', 'env-secret-value-3', 'wrong-secret-value-4', 'session-token-value-5'];
let server: Server;
let endpoint: string;
let dir: string;
const seenKeys: string[] = [];

function accessKeyOf(request: IncomingMessage): string | undefined {
  return /Credential=([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1];
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const key = accessKeyOf(request);
    seenKeys.push(key ?? '(none)');
    request.resume();
    if (key === GOOD_KEY || key === PROFILE_KEY || key === ENV_KEY) {
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end('<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>cred-bucket</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>hello.txt</Key><Size>5</Size><ETag>"abc"</ETag><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>');
      return;
    }
    response.writeHead(403, { 'content-type': 'application/xml' });
    response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message></Error>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  dir = mkdtempSync(join(tmpdir(), 'mcpctl-s3-creds-'));
  writeFileSync(join(dir, 'credentials'), `[dev]\naws_access_key_id = ${PROFILE_KEY}\naws_secret_access_key = ${SECRETS[1]}\n`);
  writeFileSync(join(dir, 'config'), '[profile dev]\nregion = us-east-1\n');
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function recordingLogger(lines: string[]): Logger {
  const log = (...args: unknown[]) => {
    lines.push(JSON.stringify(args, (_k, v) => (v instanceof Error ? { message: v.message, stack: v.stack } : v)));
  };
  const logger: Logger = { trace: log, debug: log, info: log, warn: log, error: log, fatal: log, level: 'trace', child: () => logger };
  return logger;
}

const entry = (credentials?: Record<string, string>): ServerEntry => ({ type: 's3', endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1, buckets: [{ bucket: 'cred-bucket' }], ...(credentials ? { credentials } : {}) }) as ServerEntry;

async function listWith(e: ServerEntry): Promise<{ result: Awaited<ReturnType<Awaited<ReturnType<typeof connect>>['call']>>; logs: string[] }> {
  const logs: string[] = [];
  const s3 = await connect(e, 'creds', recordingLogger(logs));
  try {
    return { result: await s3.call('list_objects', {}), logs };
  } finally {
    await s3.close();
  }
}

describe('credentials', () => {
  it('signs with static keys from the config', async () => {
    seenKeys.length = 0;
    const { result } = await listWith(entry({ accessKeyId: GOOD_KEY, secretAccessKey: SECRETS[0] as string }));
    expect(result.isError, result.text).toBeFalsy();
    expect(seenKeys).toEqual([GOOD_KEY]);
  });

  it('signs with a named profile', async () => {
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    seenKeys.length = 0;
    try {
      const { result } = await listWith(entry({ profile: 'dev' }));
      expect(result.isError, result.text).toBeFalsy();
      expect(seenKeys).toEqual([PROFILE_KEY]);
    } finally {
      delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      delete process.env.AWS_CONFIG_FILE;
    }
  });

  it('falls back to the SDK default chain (here: the environment)', async () => {
    process.env.AWS_ACCESS_KEY_ID = ENV_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = SECRETS[2];
    seenKeys.length = 0;
    try {
      const { result } = await listWith(entry());
      expect(result.isError, result.text).toBeFalsy();
      expect(seenKeys).toEqual([ENV_KEY]);
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  it('a refused key is S3_CREDENTIALS, naming the setting, with no secret in the result or the logs', async () => {
    const { result, logs } = await listWith(entry({ accessKeyId: 'AKIAWRONG00000000000', secretAccessKey: SECRETS[3] as string, sessionToken: SECRETS[4] as string }));
    expect(result.code).toBe('S3_CREDENTIALS');
    expect(result.text).toContain('credentials');
    const everything = JSON.stringify(result) + logs.join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });

  it('an unreachable store is S3_UNREACHABLE', async () => {
    const { result } = await listWith({ ...entry({ accessKeyId: GOOD_KEY, secretAccessKey: SECRETS[0] as string }), endpoint: 'http://127.0.0.1:1' } as ServerEntry);
    expect(result.code).toBe('S3_UNREACHABLE');
    expect(result.text).toContain('endpoint');
  });
});
