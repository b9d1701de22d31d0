import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAuthorizationServer, type RunningAuthorizationServer } from './support/authorization-server.js';
import { BROWSER, isolatedHome, runCli } from './support/cli.js';
import { startResourceServer, type RunningResourceServer } from './support/resource-server.js';

let as: RunningAuthorizationServer;
let rs: RunningResourceServer;
let home: ReturnType<typeof isolatedHome>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  as = await startAuthorizationServer();
  rs = await startResourceServer({ as, prm: 'header', requiredScopes: ['mcp:read'] });
  home = isolatedHome();
  const config = join(home.home, 'mcpctl.yaml');
  writeFileSync(config, `servers:\n  remote: { type: http, url: "${rs.url}", auth: { method: oauth } }\n`);
  env = { ...home.env, BROWSER, MCPCTL_CONFIG: config };
});
afterAll(async () => {
  await runCli(['daemon', 'stop'], { env });
  await rs.close();
  await as.close();
});

const storePath = () => join(home.env.XDG_STATE_HOME!, 'mcpctl', 'oauth');

it('the daemon\'s warm session and the CLI share the token store; a refresh in one is used by the other', async () => {
  const login = await runCli(['auth', 'login', 'remote'], { env: { ...env, MCPCTL_OAUTH_INTERACTIVE: '1' } });
  expect(login.code, login.stderr).toBe(0);
  const started = await runCli(['daemon', 'start'], { env });
  expect(started.code, started.stderr).toBe(0);

  // The daemon holds a warm session through OAuth (no terminal there: the stored login is enough) …
  const servers = async () => JSON.parse((await runCli(['servers', 'list', '--json'], { env })).stdout)[0];
  expect(await servers()).toMatchObject({ name: 'remote', state: 'running', session: { serverInfo: { name: 'protected' } }, calls: 0 });
  const warm = await runCli(['call', 'remote', 'whoami'], { env });
  expect(warm.code, warm.stderr).toBe(0);
  expect(warm.stdout).toContain('mcp:read');

  // The access token runs out; the daemon refreshes (rotating the refresh token) on its next call …
  const file = join(storePath(), readdirSync(storePath()).find((n) => n.startsWith('resource-'))!);
  const record = JSON.parse(readFileSync(file, 'utf8'));
  const before = record.grants[0].tokens;
  record.grants[0].tokens.expiresAt = Date.now() - 1000;
  writeFileSync(file, JSON.stringify(record));
  const refreshed = await runCli(['call', 'remote', 'whoami'], { env });
  expect(refreshed.code, refreshed.stderr).toBe(0);
  const after = JSON.parse(readFileSync(file, 'utf8')).grants[0].tokens;
  expect(after.refreshToken).not.toBe(before.refreshToken);
  // Both calls ran in the daemon, over its warm session.
  const { calls } = await servers();
  expect(calls).toBeGreaterThanOrEqual(2);

  // … and a direct CLI call uses the daemon's new tokens without refreshing or logging in again.
  const tokenCalls = as.requests.filter((p) => p === '/token').length;
  const direct = await runCli(['call', 'remote', 'whoami', '--no-daemon'], { env: { ...env, MCPCTL_OAUTH_INTERACTIVE: '0' } });
  expect(direct.code, direct.stderr).toBe(0);
  expect(as.requests.filter((p) => p === '/token').length).toBe(tokenCalls);
  expect(rs.tokensSeen.at(-1)).toBe(`Bearer ${after.accessToken}`);
  expect((await servers()).calls).toBe(calls);
}, 60_000);
