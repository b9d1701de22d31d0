import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AuthConfig } from '@mcpctl/kernel';
import { OAuthClient } from '../../src/client/oauth-client.js';
import { parseOAuthSettings } from '../../src/client/settings.js';
import { TokenStore } from '../../src/client/token-store.js';
import { driveLogin, type DriveOptions } from './browser.js';

/** A temporary token store directory, removed by cleanup(). */
export async function tempStore(): Promise<{ store: TokenStore; dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mcpctl-oauth-'));
  return { store: new TokenStore(join(dir, 'oauth')), dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface TestClientOptions {
  store: TokenStore;
  interactive?: boolean;
  drive?: DriveOptions;
  /** Collects what the client tells the person. */
  told?: string[];
  /** URLs the client asked to open. */
  opened?: string[];
}

/** An OAuthClient whose "browser" is the headless driver. */
export function testClient(url: string, config: Omit<AuthConfig, 'method'>, options: TestClientOptions): OAuthClient {
  return new OAuthClient({
    serverUrl: url,
    label: url,
    settings: parseOAuthSettings({ method: 'oauth', ...config }),
    store: options.store,
    interactive: options.interactive ?? true,
    tell: (text) => options.told?.push(text),
    openUrl: async (target) => {
      options.opened?.push(target);
      // The person logs in shortly after the browser opens.
      setTimeout(() => void driveLogin(target, options.drive).catch(() => undefined), 20);
      return true;
    },
    // No browser on the test machine: keep the default grant authorization_code unless a test says otherwise.
    env: { BROWSER: 'true' },
  });
}

/**
 * The ClientAuth contract as core's HTTP transports implement it: headers
 * per request, a 401 / challenged 403 handed to challenge(), the request
 * sent once more when it resolves true.
 */
export function contractFetch(client: OAuthClient): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const send = async () => {
      const headers = new Headers(init.headers);
      for (const [k, v] of Object.entries(await client.headers())) headers.set(k, v);
      return fetch(input, { ...init, headers });
    };
    const response = await send();
    if (response.status !== 401 && response.status !== 403) return response;
    const www = response.headers.get('www-authenticate') ?? '';
    if (response.status === 403 && !www) return response;
    if (!(await client.challenge(response.status, www))) return response;
    await response.body?.cancel();
    return send();
  }) as typeof fetch;
}

/** Connect, call a tool, close: the tool's text (JSON) parsed. */
export async function callTool(url: string, client: OAuthClient, tool = 'whoami'): Promise<any> {
  const transport = new StreamableHTTPClientTransport(new URL(url), { fetch: contractFetch(client) });
  const mcp = new Client({ name: 'oauth-test', version: '1.0.0' });
  await mcp.connect(transport);
  try {
    const result = await mcp.callTool({ name: tool });
    const text = (result.content as Array<{ text: string }>)[0]!.text;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  } finally {
    await mcp.close();
  }
}
