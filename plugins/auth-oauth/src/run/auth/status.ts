import { defaultTokenStore } from '../../client/client-auth.js';
import { TokenStore, type ResourceRecord } from '../../client/token-store.js';
import { resolveOAuthTarget } from './target.js';
import { iso, type AuthCommandContext as Ctx } from './shared.js';

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

function relative(isoTime: string): string {
  const seconds = Math.round((Date.parse(isoTime) - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  const text = abs < 120 ? `${abs}s` : abs < 7200 ? `${Math.round(abs / 60)}m` : abs < 172_800 ? `${Math.round(abs / 3600)}h` : `${Math.round(abs / 86_400)}d`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}
