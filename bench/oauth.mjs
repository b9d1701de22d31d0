#!/usr/bin/env node
// npm run bench:oauth — the cost of OAuth on a call, and the jwt verifier's throughput.
//   (a) mcpctl call <server> read_text … through auth method oauth with a cached token
//   (b) the same call with a static `Authorization: Bearer …` header (the baseline)
// against `mcpctl serve files --transport http` guarded by the jwt verifier, tokens from
// oidc-provider (client credentials, JWT access tokens) started here on 127.0.0.1.
// Each variant runs as a fresh process, interleaved, RUNS times (default 15; env BENCH_RUNS);
// target: median (a)/(b) ≤ 1.05. Then the jwt verifier verifies one token in a loop with its
// JWKS cached (verifications per second), beside jose's jwtVerify with a local key set.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, REPO as ROOT } from './lib.mjs';

const NODE = process.execPath;
const CLI = join(ROOT, 'cli', 'bin', 'mcpctl.js');
const RUNS = Math.max(10, Number(process.env.BENCH_RUNS ?? 15));
const home = mkdtempSync(join(tmpdir(), 'mcpctl-bench-oauth-'));
const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'c'), XDG_STATE_HOME: join(home, 's'), XDG_CACHE_HOME: join(home, 'k'), XDG_DATA_HOME: join(home, 'd') };
for (const key of Object.keys(env)) if (key.startsWith('MCPCTL_')) delete env[key];

// ---------------------------------------------------------------- the authorization server
const { default: Provider } = await import('oidc-provider');
const { generateKeyPair, exportJWK, createLocalJWKSet, jwtVerify } = await import('jose');
const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
const signing = { ...(await exportJWK(privateKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
const asServer = createServer();
await new Promise((resolve) => asServer.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${asServer.address().port}`;
const provider = new Provider(issuer, {
  clients: [{ client_id: 'bench', client_secret: 'bench-secret', grant_types: ['client_credentials'], response_types: [], redirect_uris: [] }],
  jwks: { keys: [signing] },
  cookies: { keys: ['bench'] },
  ttl: { ClientCredentials: 3600 },
  features: {
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async (_ctx, _client, oneOf) => oneOf,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, indicator) => ({ scope: 'files:read', audience: indicator, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } }),
    },
  },
});
asServer.on('request', provider.callback());

function run(args, { check } = {}) {
  return new Promise((resolveRun, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(NODE, [CLI, ...args], { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0 || (check && !out.includes(check))) reject(new Error(`mcpctl ${args.join(' ')} failed (exit ${code}):\n${out}\n${err}`));
      else resolveRun({ ms, out });
    });
  });
}

let serve;
try {
  // ---------------------------------------------------------------- the JWT-protected server
  const root = join(home, 'files');
  mkdirSync(root);
  writeFileSync(join(root, 'hello.txt'), 'hello from a protected server\n');
  const serveConfig = join(home, 'serve.yaml');
  writeFileSync(serveConfig, `servers:\n  files: { type: fs, roots: ["${root}"], serve: { auth: { method: jwt, issuer: "${issuer}", jwksUri: "${issuer}/jwks", requiredScopes: [files:read] } } }\n`);
  serve = spawn(NODE, [CLI, 'serve', 'files', '--transport', 'http', '--port', '0', '--config', serveConfig], { cwd: home, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise((resolveUrl, reject) => {
    let text = '';
    serve.stderr.on('data', (c) => {
      text += c;
      const found = /serving files on (http:\/\/\S+)/.exec(text);
      if (found) resolveUrl(found[1]);
    });
    serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${text}`)));
  });

  // ---------------------------------------------------------------- the two client entries
  const clientConfig = join(home, 'client.yaml');
  writeFileSync(clientConfig, `servers:\n  oauth: { type: http, url: "${url}", auth: { method: oauth, grant: client_credentials, clientId: bench, clientSecret: bench-secret } }\n`);
  env.MCPCTL_CONFIG = clientConfig;
  await run(['auth', 'login', 'oauth']);
  const token = (await run(['auth', 'token', 'oauth'])).out.trim();
  writeFileSync(clientConfig, `servers:\n  oauth: { type: http, url: "${url}", auth: { method: oauth, grant: client_credentials, clientId: bench, clientSecret: bench-secret } }\n  bearer: { type: http, url: "${url}", headers: { Authorization: "Bearer ${token}" } }\n`);

  const variants = [
    { id: 'a', label: 'auth oauth (cached token)', args: ['call', 'oauth', 'read_text', 'path=hello.txt', '--no-daemon'] },
    { id: 'b', label: 'static bearer header', args: ['call', 'bearer', 'read_text', 'path=hello.txt', '--no-daemon'] },
  ];
  for (const v of variants) await run(v.args, { check: 'hello from a protected server' });
  const times = { a: [], b: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const v of variants) times[v.id].push((await run(v.args, { check: 'hello from a protected server' })).ms);
    process.stderr.write(`\rrun ${i + 1}/${RUNS}`);
  }
  process.stderr.write('\n');
  const med = { a: median(times.a), b: median(times.b) };
  console.log(`\nOne-shot tools/call (fs read_text) on a jwt-verified \`mcpctl serve --transport http\` — ${RUNS} runs each, node ${process.version}\n`);
  console.log('variant                          median ms     min ms     max ms');
  for (const v of variants) {
    const t = times[v.id];
    console.log(`(${v.id}) ${v.label.padEnd(28)} ${med[v.id].toFixed(1).padStart(9)} ${Math.min(...t).toFixed(1).padStart(10)} ${Math.max(...t).toFixed(1).padStart(10)}`);
  }
  const ab = med.a / med.b;
  console.log(`\n(a)/(b) = ${ab.toFixed(3)}  target ≤ 1.05  ${ab <= 1.05 ? 'PASS' : 'FAIL'}`);

  // ---------------------------------------------------------------- verifier throughput
  const { createJwtVerifier } = await import(pathToFileURL(join(ROOT, 'plugins/auth-oauth/dist/verify/jwt-verifier.js')).href);
  const verifier = createJwtVerifier({ config: { method: 'jwt', issuer, jwksUri: `${issuer}/jwks`, requiredScopes: ['files:read'] }, endpointPath: '/mcp' });
  const request = { method: 'POST', url, resource: url, headers: { authorization: `Bearer ${token}` } };
  const local = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256' }] });
  const rate = async (fn) => {
    for (let i = 0; i < 200; i++) await fn();
    let count = 0;
    const started = performance.now();
    while (performance.now() - started < 2000) {
      for (let i = 0; i < 100; i++) await fn();
      count += 100;
    }
    return count / ((performance.now() - started) / 1000);
  };
  const verified = await verifier.verify(request);
  if (!verified.ok) throw new Error(`the verifier refused the bench token: ${verified.message}`);
  // Interleaved rounds, so that load from elsewhere on the machine hits both alike.
  const viaVerifier = [];
  const viaJose = [];
  for (let round = 0; round < 3; round++) {
    viaVerifier.push(await rate(() => verifier.verify(request)));
    viaJose.push(await rate(() => jwtVerify(token, local, { issuer, audience: url })));
  }
  const v = median(viaVerifier);
  const j = median(viaJose);
  console.log(`\njwt verifier, JWKS cached (RS256): ${Math.round(v).toLocaleString('en')} verifications/s (median of 3 rounds of 2 s)`);
  console.log(`jose jwtVerify, local key set:     ${Math.round(j).toLocaleString('en')} verifications/s (reference: the signature check alone; ratio ${(v / j).toFixed(2)})`);
} finally {
  serve?.kill('SIGTERM');
  await new Promise((resolve) => { asServer.close(resolve); asServer.closeAllConnections(); });
  rmSync(home, { recursive: true, force: true });
}
