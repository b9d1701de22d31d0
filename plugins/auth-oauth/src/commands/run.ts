import type { CommandRunContext, OptionSpec } from '@mcpctl/kernel';
import { createOAuthClient, defaultTokenStore } from '../client/client-auth.js';
import { parseOAuthSettings } from '../client/settings.js';
import { TokenStore, type ResourceRecord } from '../client/token-store.js';
import { OAUTH_NO_TOKENS, OAUTH_TARGET_UNKNOWN } from '../errors.js';
import { resolveOAuthTarget, type TargetFlags } from './target.js';

type Ctx = CommandRunContext<Record<string, OptionSpec>>;

function clientFor(ctx: Ctx, label: string, url: string, auth: Parameters<typeof parseOAuthSettings>[0], interactive: boolean) {
  return createOAuthClient(url, label, parseOAuthSettings(auth, label), {
    logger: ctx.kernel.logger,
    interactive,
    tell: (text) => ctx.io.stderr.write(`${text}\n`),
  });
}

export async function runLogin(ctx: Ctx): Promise<number> {
  const target = await resolveOAuthTarget(ctx.kernel, ctx.positionals.target!, ctx.options as TargetFlags);
  // `auth login` is the explicit request to log in: a person is there.
  const client = clientFor(ctx, target.label, target.url, target.auth, true);
  const grant = await client.login({ force: Boolean(ctx.options.force), signal: ctx.signal });
  const summary = { server: target.label, url: target.url, issuer: grant.issuer, clientId: grant.clientId, grant: grant.grant, scopes: grant.tokens.scope?.split(' ') ?? [], expiresAt: iso(grant.tokens.expiresAt), refreshToken: Boolean(grant.tokens.refreshToken) };
  if (ctx.io.json) ctx.io.printJson(summary);
  else ctx.io.print(`Logged in to ${target.label} (authorization server ${grant.issuer}${summary.scopes.length ? `, scopes ${summary.scopes.join(' ')}` : ''}${grant.tokens.expiresAt ? `, token expires ${summary.expiresAt}` : ''}).`);
  return 0;
}

export async function runToken(ctx: Ctx): Promise<number> {
  const target = await resolveOAuthTarget(ctx.kernel, ctx.positionals.target!, ctx.options as TargetFlags);
  const settings = parseOAuthSettings(target.auth, target.label);
  const client = createOAuthClient(target.url, target.label, settings, { logger: ctx.kernel.logger, interactive: false, tell: (text) => ctx.io.stderr.write(`${text}\n`) });
  let grant = await client.currentGrant();
  // Machine grants need no person: obtain a token on the spot.
  if (!grant && settings.grant === 'client_credentials') grant = await client.login({ signal: ctx.signal });
  if (!grant) throw OAUTH_NO_TOKENS(target.label);
  const token = await client.accessToken(ctx.signal);
  if (ctx.io.json) ctx.io.printJson({ accessToken: token, tokenType: 'Bearer', expiresAt: iso((await client.currentGrant())?.tokens.expiresAt) });
  else ctx.io.print(token);
  return 0;
}

export async function runStatus(ctx: Ctx): Promise<number> {
  const store = defaultTokenStore();
  let records = await store.listResources();
  const wanted = ctx.positionals.target;
  if (wanted) {
    const url = /^https?:\/\//i.test(wanted) ? wanted : await configuredUrl(ctx, wanted);
    const key = TokenStore.resourceKey(url);
    records = records.filter((r) => TokenStore.resourceKey(r.serverUrl) === key);
  }
  const rows = records.flatMap((record) => rowsOf(record));
  if (ctx.io.json) {
    ctx.io.printJson({ store: store.dir, logins: rows });
    return 0;
  }
  if (rows.length === 0) {
    ctx.io.print(wanted ? `No OAuth tokens stored for ${wanted}.` : 'No OAuth tokens stored.');
    return wanted ? 1 : 0;
  }
  ctx.io.printTable(rows.map((r) => ({ ...r, scopes: r.scopes.join(' '), expires: r.expiresAt ? relative(r.expiresAt) : 'never', refresh: r.refreshToken ? 'yes' : 'no' })), [
    { key: 'server', header: 'SERVER' },
    { key: 'issuer', header: 'AUTHORIZATION SERVER' },
    { key: 'clientId', header: 'CLIENT' },
    { key: 'grant', header: 'GRANT' },
    { key: 'scopes', header: 'SCOPES' },
    { key: 'expires', header: 'EXPIRES' },
    { key: 'refresh', header: 'REFRESH' },
  ]);
  return 0;
}

export async function runLogout(ctx: Ctx): Promise<number> {
  const store = defaultTokenStore();
  if (ctx.options.all) {
    const count = await store.deleteAll();
    if (ctx.io.json) ctx.io.printJson({ removed: count });
    else ctx.io.print(`Forgot ${count} stored OAuth login${count === 1 ? '' : 's'} and every client registration.`);
    return 0;
  }
  const wanted = ctx.positionals.target;
  if (!wanted) throw OAUTH_TARGET_UNKNOWN('(nothing)', { hint: 'Name a server or URL, or pass --all.' });
  const target = await resolveOAuthTarget(ctx.kernel, wanted, ctx.options as TargetFlags);
  const client = clientFor(ctx, target.label, target.url, target.auth, false);
  const { removed, revoked } = await client.logout(ctx.signal);
  if (ctx.io.json) ctx.io.printJson({ removed: removed ? 1 : 0, revoked });
  else ctx.io.print(!removed ? `No OAuth tokens were stored for ${wanted}.` : `Forgot the OAuth tokens of ${wanted}${revoked ? ' (revoked at the authorization server)' : ' (the authorization server could not revoke them)'}.`);
  return 0;
}

async function configuredUrl(ctx: Ctx, name: string): Promise<string> {
  return (await resolveOAuthTarget(ctx.kernel, name, {})).url;
}

interface StatusRow {
  server: string;
  url: string;
  issuer: string;
  clientId: string;
  grant: string;
  scopes: string[];
  expiresAt: string | null;
  refreshToken: boolean;
  obtainedAt: string | null;
}

function rowsOf(record: ResourceRecord): StatusRow[] {
  return record.grants.map((grant) => ({
    server: record.label ?? record.serverUrl,
    url: record.serverUrl,
    issuer: grant.issuer,
    clientId: grant.clientId,
    grant: grant.grant,
    scopes: grant.tokens.scope?.split(' ').filter(Boolean) ?? [],
    expiresAt: iso(grant.tokens.expiresAt),
    refreshToken: Boolean(grant.tokens.refreshToken),
    obtainedAt: iso(grant.refreshedAt ?? grant.obtainedAt),
  }));
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

function relative(isoTime: string): string {
  const seconds = Math.round((Date.parse(isoTime) - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  const text = abs < 120 ? `${abs}s` : abs < 7200 ? `${Math.round(abs / 60)}m` : abs < 172_800 ? `${Math.round(abs / 3600)}h` : `${Math.round(abs / 86_400)}d`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}
