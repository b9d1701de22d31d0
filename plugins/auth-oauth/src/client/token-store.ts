import { createHash } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@mcpctl/kernel';
import type { AuthorizationServerMetadata, OAuthClientInformationMixed, OAuthProtectedResourceMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { OAUTH_STORE_FAILED } from '../errors.js';

/** Tokens of one (resource, authorization server, client). Values are secrets: never log this object. */
export interface StoredTokens {
  accessToken: string;
  tokenType: string;
  refreshToken?: string;
  idToken?: string;
  /** Space-separated granted scopes (as the AS reported them, else as asked). */
  scope?: string;
  /** Epoch milliseconds; undefined when the AS gave no expires_in. */
  expiresAt?: number;
}

export interface StoredGrant {
  issuer: string;
  clientId: string;
  grant: string;
  tokens: StoredTokens;
  obtainedAt: number;
  refreshedAt?: number;
}

/** What discovery found for a resource, kept so warm calls need no discovery requests. */
export interface StoredDiscovery {
  resource?: string;
  resourceMetadata?: OAuthProtectedResourceMetadata;
  resourceMetadataUrl?: string;
  authorizationServerUrl: string;
  metadata: AuthorizationServerMetadata;
  /** True when the server had no PRM (MCP 2025-03-26) and its origin was taken as the authorization server. */
  legacy: boolean;
}

/** One file per resource (the MCP server URL). */
export interface ResourceRecord {
  version: 1;
  serverUrl: string;
  /** Configured server name(s) that used it last, for `auth status`. */
  label?: string;
  discovery?: StoredDiscovery;
  grants: StoredGrant[];
}

/** A registered client (dynamic registration or metadata document), per authorization server. */
export interface ClientRecord {
  version: 1;
  issuer: string;
  kind: string;
  information: OAuthClientInformationMixed;
  registeredAt: number;
}

const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 20_000;

/**
 * The token store under $XDG_STATE_HOME/mcpctl/oauth (mode 0700; files 0600,
 * written atomically). The CLI and the daemon share it: readers notice a
 * change by the file's mtime and size, and read-modify-write cycles (a
 * refresh, which rotates the refresh token) hold a lock file so that two
 * processes never spend the same refresh token.
 */
export class TokenStore {
  constructor(readonly dir: string) {}

  static resourceKey(serverUrl: string): string {
    return hash(canonicalResource(serverUrl));
  }

  resourcePath(serverUrl: string): string {
    return join(this.dir, `resource-${TokenStore.resourceKey(serverUrl)}.json`);
  }

  clientPath(issuer: string, kind: string): string {
    return join(this.dir, `client-${hash(`${canonicalResource(issuer)}\n${kind}`)}.json`);
  }

  /** mtime+size of the resource file, or undefined when absent (for cheap change detection). */
  async stamp(serverUrl: string): Promise<string | undefined> {
    try {
      const info = await stat(this.resourcePath(serverUrl));
      return `${info.mtimeMs}:${info.size}:${info.ino}`;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.failed(error);
    }
  }

  async readResource(serverUrl: string): Promise<ResourceRecord | undefined> {
    const record = await this.readJson<ResourceRecord>(this.resourcePath(serverUrl));
    return record?.version === 1 && Array.isArray(record.grants) ? record : undefined;
  }

  async writeResource(record: ResourceRecord): Promise<void> {
    await this.writeJson(this.resourcePath(record.serverUrl), record);
  }

  async deleteResource(serverUrl: string): Promise<boolean> {
    const path = this.resourcePath(serverUrl);
    const existed = (await this.readJson(path)) !== undefined;
    await rm(path, { force: true }).catch((error) => { throw this.failed(error); });
    return existed;
  }

  async listResources(): Promise<ResourceRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw this.failed(error);
    }
    const records: ResourceRecord[] = [];
    for (const name of names.filter((n) => n.startsWith('resource-') && n.endsWith('.json')).sort()) {
      const record = await this.readJson<ResourceRecord>(join(this.dir, name));
      if (record?.version === 1) records.push(record);
    }
    return records;
  }

  async readClient(issuer: string, kind: string): Promise<ClientRecord | undefined> {
    const record = await this.readJson<ClientRecord>(this.clientPath(issuer, kind));
    return record?.version === 1 ? record : undefined;
  }

  async writeClient(record: ClientRecord): Promise<void> {
    await this.writeJson(this.clientPath(record.issuer, record.kind), record);
  }

  async deleteClient(issuer: string, kind: string): Promise<void> {
    await rm(this.clientPath(issuer, kind), { force: true });
  }

  async deleteAll(): Promise<number> {
    const records = await this.listResources();
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (!isNotFound(error)) throw this.failed(error);
    }
    for (const name of names) if (/^(resource|client)-[0-9a-f]+\.json$/.test(name)) await rm(join(this.dir, name), { force: true });
    return records.length;
  }

  /**
   * Run `fn` holding the resource's lock file (created exclusively; taken over
   * when older than 30 s, i.e. its holder died). Waits up to 20 s.
   */
  async withLock<T>(serverUrl: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.ensureDir();
    const path = `${this.resourcePath(serverUrl)}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
      try {
        const handle = await open(path, 'wx', 0o600);
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw this.failed(error);
        const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
        if (age > LOCK_STALE_MS) {
          await rm(path, { force: true });
          continue;
        }
        if (Date.now() > deadline) throw OAUTH_STORE_FAILED(this.dir, `the lock ${path} is held by another process`);
        if (signal?.aborted) throw signal.reason;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    try {
      return await fn();
    } finally {
      await rm(path, { force: true });
    }
  }

  private async ensureDir(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await chmod(this.dir, 0o700);
    } catch (error) {
      throw this.failed(error);
    }
  }

  private async readJson<T>(path: string): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.failed(error);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      // A corrupt file (cannot happen with atomic writes, but a user may edit it) counts as absent.
      return undefined;
    }
  }

  private async writeJson(path: string, value: unknown): Promise<void> {
    await this.ensureDir();
    try {
      await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, mkdirs: false });
    } catch (error) {
      throw this.failed(error);
    }
  }

  private failed(error: unknown) {
    return OAUTH_STORE_FAILED(this.dir, (error as Error).message ?? String(error), { cause: error });
  }
}

/** The resource URL as RFC 8707 wants it: no fragment; the key of the store. */
export function canonicalResource(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}
