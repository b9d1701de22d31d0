import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationServer, type RunningAuthorizationServer } from './support/authorization-server.js';
import { BROWSER, isolatedHome, runCli, startCli } from './support/cli.js';
import { startResourceServer, type RunningResourceServer } from './support/resource-server.js';

let as: RunningAuthorizationServer;
let rs: RunningResourceServer;
let legacy: RunningResourceServer;
let home: ReturnType<typeof isolatedHome>;
let config: string;
let env: NodeJS.ProcessEnv;
const MACHINE_SECRET = 'machine-basic-secret';

beforeAll(async () => {
  as = await startAuthorizationServer();
  rs = await startResourceServer({ as, prm: 'header', requiredScopes: ['mcp:read'] });
  legacy = await startResourceServer({ as, prm: 'header', requiredScopes: ['mcp:read'], transport: 'sse' });
  home = isolatedHome();
  config = join(home.home, 'mcpctl.yaml');
  writeFileSync(config, [
    'servers:',
    `  remote: { type: http, url: "${rs.url}", auth: { method: oauth } }`,
    `  machine: { type: http, url: "${rs.url}", auth: { method: oauth, grant: client_credentials, clientId: machine-basic, clientSecret: "\${env:MACHINE_SECRET}" } }`,
    `  legacy: { type: sse, url: "${legacy.url}", auth: { method: oauth } }`,
    `  legacy-machine: { type: sse, url: "${legacy.url}", auth: { method: oauth, grant: client_credentials, clientId: machine-basic, clientSecret: "\${env:MACHINE_SECRET}" } }`,
    `  wrong: { type: http, url: "${rs.url}", auth: { method: oauth, grant: client_credentials, clientId: machine-post, clientSecret: "\${env:WRONG_SECRET}" } }`,
  ].join('\n'));
  env = { ...home.env, BROWSER, MCPCTL_OAUTH_INTERACTIVE: '1', MACHINE_SECRET, WRONG_SECRET: 'not-the-secret-42', MCPCTL_CONFIG: config };
});
afterAll(async () => {
  await rs.close();
  await legacy.close();
  await as.close();
});

/** Every secret value in the token store (tokens, registered client secrets), to assert none reaches any output. */
function storedSecrets(): string[] {
  const dir = join(home.env.XDG_STATE_HOME!, 'mcpctl', 'oauth');
  const secrets: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const record = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    if (name.startsWith('client-') && record.information.client_secret) secrets.push(record.information.client_secret);
    if (!name.startsWith('resource-')) continue;
    for (const grant of record.grants) {
      for (const key of ['accessToken', 'refreshToken', 'idToken']) if (grant.tokens[key]) secrets.push(grant.tokens[key]);
    }
  }
  return secrets;
}

function expectNoSecrets(...outputs: string[]): void {
  const all = outputs.join('\n');
  for (const secret of [...storedSecrets(), MACHINE_SECRET, 'not-the-secret-42']) expect(all).not.toContain(secret);
}

describe('mcpctl with auth method oauth', () => {
  it('logs in through the browser on the first call, then calls without a prompt', async () => {
    const first = await runCli(['call', 'remote', 'whoami', '--json', '--no-daemon', '--log-level', 'debug'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('mcp:read');
    expect(first.stderr).toMatch(/Opened a browser to log in to remote/);
    const logins = as.requests.filter((p) => p === '/auth').length;
    const second = await runCli(['call', 'remote', 'whoami', '--no-daemon', '--log-level', 'trace'], { env: { ...env, BROWSER: 'false' } });
    expect(second.code, second.stderr).toBe(0);
    expect(as.requests.filter((p) => p === '/auth').length).toBe(logins);
    expectNoSecrets(first.stdout, first.stderr, second.stdout, second.stderr);
  });

  it('keeps the store private: directory 0700, files 0600', () => {
    const dir = join(home.env.XDG_STATE_HOME!, 'mcpctl', 'oauth');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
  });

  it('auth status lists logins with scopes and expiry, never token values', async () => {
    const result = await runCli(['auth', 'status', '--json'], { env });
    expect(result.code, result.stderr).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.logins).toEqual([expect.objectContaining({ server: 'remote', url: rs.url, issuer: as.issuer, grant: 'authorization_code', scopes: ['mcp:read'], refreshToken: true, expiresAt: expect.any(String) })]);
    const table = await runCli(['auth', 'status'], { env });
    expect(table.stdout).toMatch(/remote\s+http:\/\/127\.0\.0\.1:\d+\s+\S+\s+authorization_code\s+mcp:read\s+in \d+m\s+yes/);
    expectNoSecrets(result.stdout, table.stdout);
  });

  it('auth token prints the current access token, for scripts', async () => {
    const result = await runCli(['auth', 'token', 'remote'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(storedSecrets()).toContain(result.stdout.trim());
  });

  it('client credentials with a secret from ${env:…}; a wrong secret fails with a coded --json error that names no secret', async () => {
    const ok = await runCli(['call', 'machine', 'whoami', '--no-daemon'], { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('machine-basic');
    const bad = await runCli(['tools', 'wrong', '--json', '--no-daemon', '--log-level', 'debug'], { env });
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout)).toMatchObject({ code: 'MCPCTL_OAUTH_TOKEN_FAILED', message: expect.stringContaining('invalid_client'), hint: expect.any(String) });
    expectNoSecrets(ok.stdout, ok.stderr, bad.stdout, bad.stderr);
  });

  it('an ad-hoc URL target with --oauth-* options', async () => {
    const result = await runCli(['call', rs.url, 'whoami', '--no-daemon', '--oauth-grant', 'client_credentials', '--oauth-client-id', 'machine-post', '--oauth-client-secret', 'machine-post-secret', '--oauth-scope', 'mcp:read'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('machine-post');
    const wrong = await runCli(['tools', rs.url, '--json', '--no-daemon', '--auth', 'bearer', '--oauth-grant', 'device_code'], { env });
    expect(wrong.code).toBe(2);
    expect(JSON.parse(wrong.stdout).message).toContain('--oauth-* options need --auth oauth');
  });

  it('without a terminal (the daemon) a missing login is a clear error, exit 3', async () => {
    const out = await runCli(['auth', 'logout', 'remote'], { env });
    expect(out.stdout).toContain('Forgot the OAuth tokens of remote (revoked at the authorization server).');
    const result = await runCli(['tools', 'remote', '--json', '--no-daemon'], { env: { ...env, MCPCTL_OAUTH_INTERACTIVE: '0' } });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 'MCPCTL_OAUTH_LOGIN_REQUIRED', hint: expect.stringContaining('mcpctl auth login') });
  });

  it('auth login stores tokens ahead of time; auth logout --all forgets everything', async () => {
    const login = await runCli(['auth', 'login', 'remote'], { env });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toMatch(/Logged in to remote \(authorization server http:\/\/127\.0\.0\.1:\d+, scopes mcp:read/);
    const all = await runCli(['auth', 'logout', '--all', '--json'], { env });
    expect(JSON.parse(all.stdout).removed).toBeGreaterThanOrEqual(1);
    const status = await runCli(['auth', 'status', '--json'], { env });
    expect(JSON.parse(status.stdout).logins).toEqual([]);
    const token = await runCli(['auth', 'token', 'remote', '--json'], { env });
    expect(token.code).toBe(1);
    expect(JSON.parse(token.stdout).code).toBe('MCPCTL_OAUTH_NO_TOKENS');
  });
});

describe('mcpctl with auth method oauth over the legacy HTTP+SSE transport', () => {
  it('logs in on the 401 of the event stream, then sends the token on the stream and on every POSTed message', async () => {
    const first = await runCli(['call', 'legacy', 'whoami', '--json', '--no-daemon'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('mcp:read');
    expect(first.stderr).toMatch(/Opened a browser to log in to legacy/);
    // The stream was refused first (no token yet), then opened with one.
    expect(legacy.statuses).toContain(401);
    const logins = as.requests.filter((p) => p === '/auth').length;
    const seenBefore = legacy.tokensSeen.length;
    const second = await runCli(['call', 'legacy', 'whoami', '--no-daemon'], { env: { ...env, BROWSER: 'false' } });
    expect(second.code, second.stderr).toBe(0);
    expect(as.requests.filter((p) => p === '/auth').length).toBe(logins);
    // GET /sse, then POST /messages for initialize, initialized and tools/call: each carries the bearer token.
    const sent = legacy.tokensSeen.slice(seenBefore);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(new Set(sent).size).toBe(1);
    expect(sent[0]).toMatch(/^Bearer /);
    expectNoSecrets(first.stdout, first.stderr, second.stdout, second.stderr);
  });

  it('client credentials over SSE, with no browser', async () => {
    const result = await runCli(['call', 'legacy-machine', 'whoami', '--json', '--no-daemon'], { env: { ...env, BROWSER: 'false' } });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ content: [{ text: expect.stringContaining('machine-basic') }] });
    expectNoSecrets(result.stdout, result.stderr);
  });
});

describe('mcpctl serve --transport http with the jwt verifier', () => {
  it('publishes Protected Resource Metadata, refuses without a token, and serves an oauth client end to end', async () => {
    const root = join(home.home, 'files');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'hello.txt'), 'hi');
    const serveConfig = join(home.home, 'serve.yaml');
    writeFileSync(serveConfig, [
      'servers:',
      `  files: { type: fs, roots: ["${root}"], serve: { auth: { method: jwt, issuer: "${as.issuer}", jwksUri: "${as.jwksUri}", requiredScopes: [files:read] } } }`,
    ].join('\n'));
    const served = await startCli(['serve', 'files', '--transport', 'http', '--port', '0', '--config', serveConfig], { env: home.env, ready: /serving files on (http:\/\/\S+)/ });
    try {
      const url = served.match[1]!;
      as.resources[url] = { scope: 'files:read', format: 'jwt' };
      const prm = await (await fetch(new URL('/.well-known/oauth-protected-resource/mcp', url))).json();
      expect(prm).toEqual({ resource: url, authorization_servers: [as.issuer], scopes_supported: ['files:read'], bearer_methods_supported: ['header'] });
      const refused = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }, body: '{}' });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toContain('resource_metadata="');
      const clientConfig = join(home.home, 'client.yaml');
      writeFileSync(clientConfig, `servers:\n  files: { type: http, url: "${url}", auth: { method: oauth, grant: client_credentials, clientId: machine-basic, clientSecret: "\${env:MACHINE_SECRET}" } }\n`);
      const tools = await runCli(['tools', 'files', '--no-daemon', '--config', clientConfig], { env });
      expect(tools.code, tools.stderr).toBe(0);
      expect(tools.stdout).toContain('read_text');
    } finally {
      await served.stop();
    }
  });
});
