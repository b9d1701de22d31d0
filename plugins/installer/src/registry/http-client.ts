import type { Agent, IncomingMessage } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { authorizationFor, registryFor, type RegistrySettings } from './npmrc.js';
import type { Packument } from './packument.js';
import { CachingRegistryClient } from './registry-client.js';

/** Network failures worth one more try (a registry restarting, a dropped keep-alive socket). */
const RETRYABLE = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);
const MAX_REDIRECTS = 10;
const USER_AGENT = `mcpctl (node/${process.versions.node} ${process.platform} ${process.arch})`;

/**
 * A RegistryClient on node:http and node:https: the registry per scope and
 * the credentials per registry path read the way npm reads them (`.npmrc`'s
 * `//host/path/:_authToken` and friends), kept-alive connections, gzip,
 * redirects (credentials never follow one to another origin), one retry for
 * a dropped connection or a 5xx, npm's 5-minute timeout. Not Node's fetch:
 * its first request compiles undici's WebAssembly HTTP parser, ≈60 ms of a
 * CLI command. Nothing is cached on disk: documents are always fresh, and
 * the installer caches verified tarballs by integrity itself.
 */
export class HttpRegistryClient extends CachingRegistryClient {
  private agents: Record<string, { request: typeof import('node:http').request; agent: Agent }> | undefined;

  constructor(private readonly settings: RegistrySettings, private readonly retries = Number(settings.options['fetch-retries'] ?? 1), private readonly timeoutMs = Number(settings.options['fetch-timeout'] ?? 300_000)) {
    super();
  }

  protected async fetchDocument(name: string, path: string, accept: string): Promise<Packument> {
    const body = await this.get(`${registryFor(this.settings, name)}${path}`, accept);
    return JSON.parse(body.toString('utf8')) as Packument;
  }

  tarball(url: string): Promise<Buffer> {
    return this.get(url, '*/*');
  }

  private async get(url: string, accept: string): Promise<Buffer> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.follow(url, accept);
      } catch (error) {
        const { code, statusCode } = error as { code?: string; statusCode?: number };
        const retryable = statusCode === undefined ? RETRYABLE.has(code ?? '') : statusCode >= 500;
        if (!retryable || attempt >= this.retries) throw error;
        await delay(200 * (attempt + 1));
      }
    }
  }

  private async follow(url: string, accept: string): Promise<Buffer> {
    const authorization = authorizationFor(this.settings, url);
    const origin = new URL(url).origin;
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      // Credentials go only to the origin they were configured for.
      const response = await this.send(current, accept, new URL(current).origin === origin ? authorization : undefined);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        current = new URL(response.headers.location, current).toString();
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw Object.assign(new Error(`${status} ${response.statusMessage ?? ''} - GET ${current}`), { statusCode: status, code: `E${status}` });
      }
      return readBody(response);
    }
    throw Object.assign(new Error(`more than ${MAX_REDIRECTS} redirects - GET ${url}`), { code: 'EREDIRECTS' });
  }

  private send(url: string, accept: string, authorization: string | undefined): Promise<IncomingMessage> {
    const target = new URL(url);
    const { request: send, agent } = this.transports()[target.protocol] ?? {};
    if (!send || !agent) return Promise.reject(Object.assign(new Error(`unsupported protocol ${target.protocol} - GET ${url}`), { code: 'EPROTOCOL' }));
    return new Promise((resolve, reject) => {
      const request = send(target, { agent, headers: { accept, 'accept-encoding': 'gzip, deflate, br', 'user-agent': USER_AGENT, ...(authorization ? { authorization } : {}) } }, resolve);
      request.setTimeout(this.timeoutMs, () => request.destroy(Object.assign(new Error(`timed out after ${this.timeoutMs} ms - GET ${url}`), { code: 'ETIMEDOUT' })));
      request.on('error', reject);
      request.end();
    });
  }

  /**
   * node:http and node:https through process.getBuiltinModule: an ESM
   * import of node:http builds its named exports, and one of them lazily
   * loads undici (≈25 ms) that nothing here uses.
   */
  private transports(): Record<string, { request: typeof import('node:http').request; agent: Agent }> {
    if (!this.agents) {
      const http = process.getBuiltinModule('node:http');
      const https = process.getBuiltinModule('node:https');
      this.agents = {
        'http:': { request: http.request, agent: new http.Agent({ keepAlive: true, maxSockets: 16 }) },
        'https:': { request: https.request as typeof http.request, agent: new https.Agent({ keepAlive: true, maxSockets: 16 }) },
      };
    }
    return this.agents;
  }
}

/** The whole body, decoded by its content-encoding. */
async function readBody(response: IncomingMessage): Promise<Buffer> {
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  const decoder = encoding === 'gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  const stream = decoder ? response.pipe(decoder) : response;
  if (decoder) response.on('error', (error) => decoder.destroy(error));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
