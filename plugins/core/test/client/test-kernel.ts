import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthConfig, ClientAuth, KernelServices, McpctlConfig, ServerEntry, TransportContext } from '@mcpctl/kernel';
import { errors } from '@mcpctl/kernel';
import { silentLogger } from '@mcpctl/toolkit';
import { apiKeyAuth } from '../../src/auth/api-key.js';
import { basicAuth } from '../../src/auth/basic.js';
import { bearerAuth } from '../../src/auth/bearer.js';
import { headersAuth } from '../../src/auth/headers.js';
import { createHttpTransport } from '../../src/transports/http.js';
import { createSseTransport } from '../../src/transports/sse.js';
import { createStdioTransport } from '../../src/transports/stdio-factory.js';

const AUTH: Record<string, (config: AuthConfig, server?: string) => ClientAuth> = { headers: headersAuth, bearer: bearerAuth, basic: basicAuth, 'api-key': apiKeyAuth };

/**
 * The slice of KernelServices the client code uses, wired straight to this
 * plugin's transport and auth factories (the real kernel routes the same
 * calls through its hooks; the e2e tests cover that path).
 */
export async function testKernel(servers: Record<string, ServerEntry> = {}, overrides: Partial<KernelServices> = {}): Promise<KernelServices> {
  const state = await mkdtemp(join(tmpdir(), 'mcpctl-state-'));
  // The tests look at results, not logs.
  const logger = silentLogger;
  const clientAuth = async (auth: AuthConfig, serverName?: string) => {
    const factory = AUTH[auth.method];
    if (!factory) throw errors.UNKNOWN_AUTH_METHOD(auth.method, Object.keys(AUTH).join(', '));
    return factory(auth, serverName);
  };
  const ctx: TransportContext = { logger, clientAuth };
  const config: McpctlConfig = { servers, plugins: [], pluginConfig: {}, profiles: {}, logging: {} };
  const kernel: Partial<KernelServices> = {
    version: '0.0.0-test',
    apiVersion: '1.0.0',
    logger,
    paths: { config: state, data: state, cache: state, state, runtime: state, plugins: state },
    options: { safeMode: false, cwd: process.cwd() },
    loadConfig: async () => ({ config, secretPointers: [] }),
    isServerType: () => false,
    offeredSession: async () => undefined,
    clientAuth,
    createTransport: async (transport, entry, options = {}) => {
      const request = { transport, entry, ...(options.name ? { name: options.name } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
      if (transport === 'stdio') return createStdioTransport(request, ctx);
      if (transport === 'http') return createHttpTransport(request, ctx);
      if (transport === 'sse') return createSseTransport(request, ctx);
      throw errors.UNKNOWN_TRANSPORT(transport, 'stdio, http, sse');
    },
    runHealthChecks: async () => [],
    ...overrides,
  };
  return kernel as KernelServices;
}
