import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as tar from 'tar';

/** A verdaccio registry on 127.0.0.1 with throwaway storage, in a child process. */
export interface TestRegistry {
  url: string;
  storage: string;
  /** Creates a user and returns its bearer token. */
  addUser(name: string, password: string): Promise<string>;
  /** Packs a directory (as npm would: under `package/`) and publishes it. */
  publish(dir: string, token: string, overrides?: Record<string, unknown>): Promise<{ name: string; version: string; tarball: string; integrity: string }>;
  /** The tarball file verdaccio stores for name@version. */
  storedTarball(name: string, version: string): string;
  stop(): Promise<void>;
}

export async function startRegistry(): Promise<TestRegistry> {
  const base = mkdtempSync(join(tmpdir(), 'mcpctl-registry-'));
  const storage = join(base, 'storage');
  const child = spawn(process.execPath, [join(import.meta.dirname, 'verdaccio-child.mjs'), storage, join(base, 'htpasswd')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await firstLine(child);
  const url = `http://127.0.0.1:${port}`;
  const registry: TestRegistry = {
    url,
    storage,
    async addUser(name, password) {
      const response = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password, type: 'user', roles: [], date: new Date().toISOString() }),
      });
      const body = (await response.json()) as { token?: string; error?: string };
      if (!body.token) throw new Error(`verdaccio refused user ${name}: ${body.error ?? response.status}`);
      return body.token;
    },
    async publish(dir, token, overrides = {}) {
      const pkg = { ...(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>), ...overrides } as { name: string; version: string } & Record<string, unknown>;
      const data = await packDirectory(dir, pkg);
      const file = `${pkg.name.split('/').pop()}-${pkg.version}.tgz`;
      const integrity = `sha512-${createHash('sha512').update(data).digest('base64')}`;
      const tarball = `${url}/${pkg.name}/-/${file}`;
      const document = {
        _id: pkg.name,
        name: pkg.name,
        'dist-tags': { latest: pkg.version, ...((overrides['dist-tags'] as object | undefined) ?? {}) },
        versions: { [pkg.version]: { ...pkg, _id: `${pkg.name}@${pkg.version}`, dist: { integrity, shasum: createHash('sha1').update(data).digest('hex'), tarball } } },
        _attachments: { [file]: { content_type: 'application/octet-stream', data: data.toString('base64'), length: data.length } },
      };
      const response = await fetch(`${url}/${pkg.name.replace('/', '%2f')}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(document),
      });
      if (!response.ok) throw new Error(`publish ${pkg.name}@${pkg.version} failed: ${response.status} ${await response.text()}`);
      return { name: pkg.name, version: pkg.version, tarball, integrity };
    },
    storedTarball(name, version) {
      return join(storage, name, `${name.split('/').pop()}-${version}.tgz`);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
  return registry;
}

/** A gzipped tarball of `dir` with every file under `package/`, package.json replaced by `pkg`. */
export async function packDirectory(dir: string, pkg: Record<string, unknown>): Promise<Buffer> {
  const staging = mkdtempSync(join(tmpdir(), 'mcpctl-pack-'));
  const { cpSync, writeFileSync } = await import('node:fs');
  cpSync(dir, join(staging, 'package'), { recursive: true, filter: (source) => !source.includes('node_modules') });
  writeFileSync(join(staging, 'package', 'package.json'), JSON.stringify(pkg, null, 2));
  const chunks: Buffer[] = [];
  const stream = tar.create({ gzip: true, cwd: staging, portable: true, mtime: new Date('1985-10-26T08:15:00Z') }, ['package']);
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  rmSync(staging, { recursive: true, force: true });
  return Buffer.concat(chunks);
}

function firstLine(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('verdaccio did not start within 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`verdaccio exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
}
