import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TarballCache } from '../src/install/direct/tarball-cache.js';
import { HttpRegistryClient } from '../src/registry/http-client.js';
import { integrityOf } from '../src/registry/integrity.js';
import { authorizationFor, type RegistrySettings } from '../src/registry/npmrc.js';

interface Seen {
  url: string;
  authorization: string | undefined;
  accept: string | undefined;
}

/** A tiny HTTP server on 127.0.0.1 that records what it was asked. */
async function serve(handler: (request: IncomingMessage, respond: (status: number, body: string | Buffer, headers?: Record<string, string>) => void) => void): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', authorization: request.headers.authorization, accept: request.headers.accept });
    handler(request, (status, body, headers = {}) => {
      response.writeHead(status, headers);
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen, server };
}

const settingsFor = (registry: string, options: Record<string, string> = {}): RegistrySettings => ({ registry: `${registry}/`, options: { registry: `${registry}/`, ...options }, files: [] });

describe('the registry client on node:http', () => {
  let registry: Awaited<ReturnType<typeof serve>>;
  let other: Awaited<ReturnType<typeof serve>>;
  let flaky = 0;
  beforeAll(async () => {
    other = await serve((_request, respond) => respond(200, 'tarball bytes elsewhere'));
    registry = await serve((request, respond) => {
      if (request.url === '/gzipped') return respond(200, gzipSync(JSON.stringify({ name: 'gzipped', 'dist-tags': {}, versions: {} })), { 'content-encoding': 'gzip', 'content-type': 'application/json' });
      if (request.url === '/@acme%2fprivate') return respond(request.headers.authorization === 'Bearer acme-token' ? 200 : 401, JSON.stringify({ name: '@acme/private', 'dist-tags': {}, versions: {} }));
      if (request.url === '/moved.tgz') return respond(302, '', { location: `${other.url}/elsewhere.tgz` });
      if (request.url === '/flaky') return respond(flaky++ === 0 ? 503 : 200, JSON.stringify({ name: 'flaky', 'dist-tags': {}, versions: {} }));
      respond(404, '{"error":"not found"}');
    });
  });
  afterAll(() => {
    registry.server.close();
    other.server.close();
  });

  it('decodes gzip, asks for the abbreviated document unless the full one is wanted, and fetches each document once', async () => {
    const client = new HttpRegistryClient(settingsFor(registry.url));
    expect((await client.packument('gzipped')).name).toBe('gzipped');
    expect(registry.seen.at(-1)!.accept).toMatch(/^application\/vnd\.npm\.install-v1\+json/);
    await client.packument('gzipped');
    expect(registry.seen.filter((seen) => seen.url === '/gzipped')).toHaveLength(1);
    await client.packument('gzipped', { full: true });
    expect(registry.seen.at(-1)!.accept).toBe('application/json');
  });

  it('sends a scope\'s token to its registry only, and never along a redirect to another origin', async () => {
    const settings = settingsFor('http://127.0.0.1:1', { '@acme:registry': `${registry.url}/`, [`//${new URL(registry.url).host}/:_authToken`]: 'acme-token' });
    const client = new HttpRegistryClient(settings);
    expect((await client.packument('@acme/private')).name).toBe('@acme/private');
    expect(registry.seen.at(-1)!.authorization).toBe('Bearer acme-token');
    expect((await client.tarball(`${registry.url}/moved.tgz`)).toString()).toBe('tarball bytes elsewhere');
    expect(registry.seen.at(-1)).toMatchObject({ url: '/moved.tgz', authorization: 'Bearer acme-token' });
    expect(other.seen.at(-1)).toMatchObject({ url: '/elsewhere.tgz', authorization: undefined });
  });

  it('retries a 5xx once, and fails a 404 or a refused connection with npm\'s error codes', async () => {
    const client = new HttpRegistryClient(settingsFor(registry.url));
    expect((await client.packument('flaky')).name).toBe('flaky');
    await expect(client.packument('missing')).rejects.toMatchObject({ statusCode: 404, code: 'E404' });
    const closed = new HttpRegistryClient(settingsFor('http://127.0.0.1:1'), 0);
    await expect(closed.packument('anything')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('credentials from .npmrc', () => {
  const settings = settingsFor('https://registry.example.test', {
    '//registry.example.test/:_authToken': 'top',
    '//registry.example.test/team/:_authToken': 'team',
    '//basic.example.test/:_auth': Buffer.from('ada:secret').toString('base64'),
    '//user.example.test/npm/:username': 'ada',
    '//user.example.test/npm/:_password': Buffer.from('pass').toString('base64'),
  });

  it('takes the longest configured path prefix of the URL, as npm does', () => {
    expect(authorizationFor(settings, 'https://registry.example.test/pkg')).toBe('Bearer top');
    expect(authorizationFor(settings, 'https://registry.example.test/team/pkg/-/pkg-1.0.0.tgz')).toBe('Bearer team');
    expect(authorizationFor(settings, 'https://basic.example.test/pkg')).toBe(`Basic ${Buffer.from('ada:secret').toString('base64')}`);
    expect(authorizationFor(settings, 'https://user.example.test/npm/pkg')).toBe(`Basic ${Buffer.from('ada:pass').toString('base64')}`);
    expect(authorizationFor(settings, 'https://user.example.test/other/pkg')).toBeUndefined();
    expect(authorizationFor(settings, 'https://elsewhere.example.test/pkg')).toBeUndefined();
  });
});

describe('the tarball cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpctl-tarball-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns a tarball by its integrity, and ignores a file that no longer matches it', async () => {
    const cache = new TarballCache(dir);
    const data = Buffer.from('a tarball');
    const integrity = integrityOf(data);
    expect(await cache.read(integrity)).toBeUndefined();
    await cache.write(integrity, data);
    expect((await cache.read(integrity))?.toString()).toBe('a tarball');
    const hex = Buffer.from(integrity.slice('sha512-'.length), 'base64').toString('hex');
    writeFileSync(join(dir, 'sha512', hex.slice(0, 2), `${hex.slice(2)}.tgz`), 'changed on disk');
    expect(await cache.read(integrity)).toBeUndefined();
  });
});
