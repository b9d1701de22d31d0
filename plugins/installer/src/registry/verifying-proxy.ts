import { createServer, type Server } from 'node:http';
import * as errors from '../errors.js';
import type { InstalledPackage } from '../install/installer.js';
import { matchesIntegrity, requireSha512 } from './integrity.js';
import { describeFetchError, type Packument } from './packument.js';
import type { RegistryClient } from './registry-client.js';

/**
 * A registry front on 127.0.0.1 for installers that verify nothing
 * themselves (live-plugin-manager). Package documents are fetched from the
 * real registry (scoped registries and auth tokens applied by the
 * RegistryClient) with every `dist.tarball` pointed back at the proxy; a
 * tarball is downloaded whole, checked against that version's sha512
 * `dist.integrity`, and only then served. A mismatch is answered with an
 * error and remembered, so the install fails with MCPCTL_INSTALL_INTEGRITY
 * and the bytes never reach the installer.
 */
export class VerifyingProxy {
  readonly verified: InstalledPackage[] = [];
  failure: Error | undefined;
  private server: Server | undefined;
  private readonly tarballs: Array<{ name: string; version: string; url: string; integrity: string | undefined }> = [];
  private base = '';

  constructor(private readonly registry: RegistryClient, private readonly onTarball: (label: string) => void = () => {}) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request.url ?? '/').then(
        (body) => {
          response.writeHead(200, { 'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json' });
          response.end(Buffer.isBuffer(body) ? body : JSON.stringify(body));
        },
        (error: unknown) => {
          this.failure ??= error instanceof Error ? error : new Error(String(error));
          response.writeHead(502, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: this.failure.message }));
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    this.base = `http://127.0.0.1:${address.port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  private async handle(url: string): Promise<unknown> {
    const tarball = /^\/-\/mcpctl-tarball\/(\d+)$/.exec(url);
    if (tarball) return this.serveTarball(Number(tarball[1]));
    const name = decodeURIComponent(url.slice(1).split('?')[0]!);
    let packument: Packument;
    try {
      // A copy: the client's cached document stays as the registry sent it.
      packument = structuredClone(await this.registry.packument(name, { full: true }));
    } catch (error) {
      throw errors.FETCH_FAILED(name, describeFetchError(error), { cause: error });
    }
    for (const entry of Object.values(packument.versions ?? {})) {
      if (!entry.dist?.tarball) continue;
      this.tarballs.push({ name: entry.name, version: entry.version, url: entry.dist.tarball, integrity: entry.dist.integrity });
      entry.dist = { ...entry.dist, tarball: `${this.base}/-/mcpctl-tarball/${this.tarballs.length - 1}` };
    }
    return packument;
  }

  private async serveTarball(index: number): Promise<Buffer> {
    const entry = this.tarballs[index];
    if (!entry) throw new Error(`unknown tarball #${index}`);
    const label = `${entry.name}@${entry.version}`;
    const integrity = requireSha512(label, entry.integrity);
    let data: Buffer;
    try {
      data = await this.registry.tarball(entry.url, entry.name);
    } catch (error) {
      throw errors.FETCH_FAILED(label, describeFetchError(error), { cause: error });
    }
    if (!matchesIntegrity(data, integrity)) throw errors.INTEGRITY(label, 'the downloaded tarball does not match the registry\'s sha512 dist.integrity');
    this.verified.push({ name: entry.name, version: entry.version, resolved: entry.url, integrity });
    this.onTarball(label);
    return data;
  }
}
