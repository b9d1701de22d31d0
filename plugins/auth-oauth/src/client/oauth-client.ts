import type { Logger } from '@mcpctl/kernel';
import { refreshAuthorization } from '@modelcontextprotocol/sdk/client/auth.js';
import { InvalidClientError, InvalidGrantError, OAuthError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { OAUTH_LOGIN_REQUIRED, OAUTH_NO_TOKENS, OAUTH_STEP_UP_LIMIT, OAUTH_TOKEN_REJECTED } from '../errors.js';
import { parseChallenge, probeChallenge } from './challenge.js';
import { clientAuthentication } from './client-authentication.js';
import { discover, sameIssuer } from './discovery.js';
import { authorizationCodeGrant, listenForCallback } from './grants/authorization-code.js';
import { clientCredentialsGrant } from './grants/client-credentials.js';
import type { GrantContext } from './grants/context.js';
import { deviceCodeGrant } from './grants/device-code.js';
import { enterpriseGrant, identityProvider } from './grants/enterprise.js';
import { clientIdentity, type ClientIdentity } from './identity.js';
import { chooseGrant, isPersonGrant, selectScopes, type Grant } from './grant-selection.js';
import { scopeString, type OAuthSettings } from './settings.js';
import { postGrant, tokenFailure, toStoredTokens } from './token-request.js';
import { canonicalResource, type ResourceRecord, type StoredDiscovery, type StoredGrant, type TokenStore } from './token-store.js';

/** Re-authorizations for `insufficient_scope` per client before giving up (no loops). */
export const MAX_STEP_UPS = 2;
/** Refresh this long before expiry. */
const REFRESH_MARGIN_MS = 60_000;
/** A 401 this soon after new tokens were obtained means the server rejects them (not that they expired). */
const FRESH_WINDOW_MS = 2_000;

export interface OAuthClientOptions {
  /** The MCP server URL (the protected resource). */
  serverUrl: string;
  /** How messages name the server. */
  label: string;
  settings: OAuthSettings;
  store: TokenStore;
  logger?: Logger;
  /** Whether a person can be asked (browser, device code); false in the daemon and without a terminal. */
  interactive: boolean;
  /** Tell the person something (stderr). */
  tell(text: string): void;
  openUrl(url: string): Promise<boolean>;
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
}

/**
 * The OAuth client of one MCP server: hands out a current access token,
 * answers 401 (refresh, else authorize) and 403 `insufficient_scope`
 * (step-up, bounded) challenges, and keeps everything in the shared token
 * store. Secrets are never logged: log lines carry issuers, client ids,
 * scopes and expiry only.
 */
export class OAuthClient {
  readonly serverUrl: string;
  private record: ResourceRecord | undefined;
  private stamp: string | undefined;
  private loaded = false;
  private obtainedAt = 0;
  /** Client ids this client registered or describes (when no clientId is configured). */
  private readonly ownClients = new Set<string>();
  private stepUps = 0;
  /** The access token the last request carried (to tell "refreshed elsewhere since" from "rejected"). */
  private lastSent: string | undefined;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: OAuthClientOptions) {
    this.serverUrl = canonicalResource(options.serverUrl);
    this.fetchFn = options.fetch ?? fetch;
  }

  /** `Authorization: Bearer …` for a request, refreshing first when the token is about to expire; none without tokens. */
  async headers(signal?: AbortSignal): Promise<Record<string, string>> {
    const token = await this.usableToken(signal);
    this.lastSent = token;
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  /** The current access token for `auth token`: refreshed when needed; an error when there is none. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    const token = await this.usableToken(signal);
    if (!token) throw OAUTH_NO_TOKENS(this.options.label);
    return token;
  }

  /** The stored grant this client would use, if any (after picking up another process's writes). */
  async currentGrant(): Promise<StoredGrant | undefined> {
    await this.sync();
    return this.pick(this.record);
  }

  /**
   * Answer a refusal. 401: refresh (rotating the refresh token), else
   * authorize afresh; a 401 right after new tokens means they are rejected.
   * 403 insufficient_scope: re-authorize for the union of the held and the
   * demanded scopes, at most MAX_STEP_UPS times.
   */
  async challenge(status: number, wwwAuthenticate: string, signal?: AbortSignal): Promise<boolean> {
    const challenge = parseChallenge(wwwAuthenticate);
    if (status === 401) {
      const grant = await this.currentGrant();
      // Another process (the daemon, another command) has refreshed since that request went out: just send it again.
      if (grant && this.lastSent !== undefined && grant.tokens.accessToken !== this.lastSent && !expired(grant)) return true;
      if (Date.now() - this.obtainedAt < FRESH_WINDOW_MS) throw OAUTH_TOKEN_REJECTED(this.options.label);
      if (grant?.tokens.refreshToken && await this.refresh(grant, signal)) return true;
      await this.authorize({ ...challenge, signal });
      return true;
    }
    if (status === 403 && challenge.error === 'insufficient_scope') {
      const demanded = challenge.scope?.split(/\s+/).filter(Boolean) ?? [];
      if (this.stepUps >= MAX_STEP_UPS) throw OAUTH_STEP_UP_LIMIT(this.options.label, this.stepUps, challenge.scope ?? '(no scope named)');
      this.stepUps++;
      const held = (await this.currentGrant())?.tokens.scope?.split(/\s+/).filter(Boolean) ?? [];
      this.options.logger?.debug({ server: this.options.label, held, demanded, attempt: this.stepUps }, 'oauth step-up');
      const granted = await this.authorize({ scope: scopeString([...held, ...demanded]), ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}), signal, stepUp: true });
      // Sending the request again is pointless when the authorization server did not grant what the server demands.
      const now = granted.tokens.scope?.split(/\s+/) ?? [];
      const withheld = demanded.filter((scope) => !now.includes(scope));
      if (withheld.length > 0) throw OAUTH_STEP_UP_LIMIT(this.options.label, this.stepUps, `${withheld.join(' ')}, which the authorization server did not grant`);
      return true;
    }
    return false;
  }

  /** `auth login`: authorize now (even when tokens exist, with `force`). */
  async login(options: { force?: boolean; scope?: string; signal?: AbortSignal } = {}): Promise<StoredGrant> {
    // A login that still works (refreshed if need be) is kept.
    if (!options.force && !options.scope && (await this.usableToken(options.signal))) return (await this.currentGrant())!;
    // No refusal to learn from yet: provoke one, for its resource_metadata URL and scope.
    const challenge = await probeChallenge(this.options.serverUrl, this.fetchFn, options.signal);
    const scope = scopeString([...(challenge.scope?.split(/\s+/) ?? []), ...(options.scope?.split(/\s+/) ?? [])]);
    return this.authorize({
      ...(scope ? { scope } : {}),
      ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      fresh: true,
    });
  }

  /**
   * `auth logout`: revoke the stored tokens at the authorization server when
   * it has a revocation endpoint (RFC 7009; best effort, the refresh token
   * first since revoking it ends the grant), then forget them. Resolves to
   * whether anything was stored, and whether the server confirmed revocation.
   */
  async logout(signal?: AbortSignal): Promise<{ removed: boolean; revoked: boolean }> {
    await this.sync(true);
    const record = this.record;
    // Only this client's grants: other entries may use the same server with other clients.
    const mine = record?.grants.filter((g) => this.matches(g, record)) ?? [];
    if (!record || mine.length === 0) return { removed: false, revoked: false };
    let revoked = true;
    const discovery = record.discovery;
    const endpoint = (discovery?.metadata as { revocation_endpoint?: string } | undefined)?.revocation_endpoint;
    for (const grant of mine) {
      if (!endpoint || !discovery) {
        revoked = false;
        continue;
      }
      const identity = await this.identityFor(grant, discovery);
      for (const [token, hint] of [[grant.tokens.refreshToken, 'refresh_token'], [grant.tokens.accessToken, 'access_token']] as const) {
        if (!token) continue;
        try {
          await postGrant(discovery.metadata, new URLSearchParams({ token, token_type_hint: hint }), this.authenticator(identity, discovery), { fetch: this.fetchFn, endpoint, ...(signal ? { signal } : {}) });
        } catch (error) {
          // Self-contained (JWT) access tokens often cannot be revoked (RFC 7009 §2.2.1); they expire on their own.
          if (hint === 'access_token' && error instanceof OAuthError && error.errorCode === 'unsupported_token_type') continue;
          revoked = false;
          this.options.logger?.warn({ server: this.options.label, issuer: grant.issuer, reason: (error as Error).message }, 'oauth token revocation failed; forgetting the tokens anyway');
        }
      }
    }
    await this.options.store.withLock(this.serverUrl, async () => {
      await this.sync(true);
      const rest = (this.record?.grants ?? []).filter((g) => !mine.some((m) => sameGrant(m, g)));
      if (rest.length > 0 && this.record) await this.options.store.writeResource({ ...this.record, grants: rest });
      else await this.options.store.deleteResource(this.serverUrl);
      await this.sync(true);
    }, signal);
    return { removed: true, revoked };
  }

  private async usableToken(signal?: AbortSignal): Promise<string | undefined> {
    let grant = await this.currentGrant();
    if (!grant) return undefined;
    if (grant.tokens.expiresAt !== undefined && grant.tokens.expiresAt - REFRESH_MARGIN_MS < Date.now()) {
      if (grant.tokens.refreshToken) {
        grant = (await this.refresh(grant, signal)) ?? undefined;
      } else if (grant.grant === 'client_credentials' || grant.grant === 'enterprise') {
        // Machine grants have no refresh token: ask again, no person involved.
        grant = await this.authorize({ ...(signal ? { signal } : {}) });
      } else if (grant.tokens.expiresAt < Date.now()) {
        grant = undefined;
      }
    }
    return grant?.tokens.accessToken;
  }

  /**
   * Refresh under the store's lock: if another process (the daemon, another
   * command) refreshed meanwhile, take its tokens instead of spending the
   * rotated-away refresh token (which would revoke the whole family).
   * Resolves undefined when the refresh token is no longer valid (dropped).
   */
  private async refresh(grant: StoredGrant, signal?: AbortSignal): Promise<StoredGrant | undefined> {
    return this.options.store.withLock(this.serverUrl, async () => {
      await this.sync(true);
      const current = this.record?.grants.find((g) => sameGrant(g, grant));
      if (!current) return undefined;
      if (current.tokens.accessToken !== grant.tokens.accessToken && (!current.tokens.expiresAt || current.tokens.expiresAt - REFRESH_MARGIN_MS > Date.now())) return current;
      const discovery = await this.discovery({}, true);
      const identity = await this.identityFor(current, discovery);
      const resource = discovery.resource;
      let tokens: OAuthTokens;
      try {
        tokens = await refreshAuthorization(discovery.authorizationServerUrl, {
          metadata: discovery.metadata,
          clientInformation: identity.information,
          refreshToken: current.tokens.refreshToken!,
          addClientAuthentication: this.authenticator(identity, discovery),
          fetchFn: this.fetchFn,
          ...(resource ? { resource: new URL(resource) } : {}),
        });
      } catch (error) {
        if (error instanceof InvalidGrantError || (error instanceof OAuthError && error.errorCode === 'invalid_grant')) {
          this.options.logger?.info({ server: this.options.label, issuer: current.issuer }, 'oauth refresh token is no longer valid; dropping it');
          await this.saveGrant(undefined, current);
          return undefined;
        }
        throw tokenFailure(current.issuer, error);
      }
      const refreshed: StoredGrant = { ...current, tokens: toStoredTokens(tokens, current.tokens.scope, current.tokens), refreshedAt: Date.now() };
      // The refresh response usually repeats the previous access token's scope only when it changed; keep ours otherwise.
      await this.saveGrant(refreshed, current);
      this.obtainedAt = Date.now();
      this.options.logger?.debug({ server: this.options.label, issuer: current.issuer, expiresInS: expiresIn(refreshed), rotated: tokens.refresh_token !== undefined && tokens.refresh_token !== current.tokens.refreshToken }, 'oauth tokens refreshed');
      return refreshed;
    }, signal);
  }

  private async authorize(request: { scope?: string; resourceMetadataUrl?: string; signal?: AbortSignal | undefined; stepUp?: boolean; fresh?: boolean }): Promise<StoredGrant> {
    const { settings } = this.options;
    const discovery = await this.discovery({ ...(request.resourceMetadataUrl ? { resourceMetadataUrl: request.resourceMetadataUrl } : {}), fresh: Boolean(request.fresh) });
    const grant = chooseGrant(settings, discovery, this.options.env);
    const scope = selectScopes(grant, discovery, settings.scopes, request.scope);
    if ((isPersonGrant(grant) || (grant === 'enterprise' && !settings.enterprise?.idToken)) && !this.options.interactive) {
      throw OAUTH_LOGIN_REQUIRED(this.options.label, request.stepUp ? `it asks for more scope (${scope ?? 'unnamed'}) and no terminal is attached to log in again` : 'no usable tokens are stored and no terminal is attached to log in');
    }
    for (let attempt = 1; ; attempt++) {
      const identity = await clientIdentity(settings, discovery, grant === 'client_credentials' || grant === 'enterprise', this.options.store, this.fetchFn);
      try {
        const tokens = await this.runGrant(grant, discovery, identity, scope, request.signal);
        const stored: StoredGrant = { issuer: discovery.metadata.issuer, clientId: identity.information.client_id, grant, tokens: toStoredTokens(tokens, scope), obtainedAt: Date.now() };
        await this.options.store.withLock(this.serverUrl, async () => {
          await this.sync(true);
          await this.saveGrant(stored, this.record?.grants.find((g) => sameGrant(g, stored)));
        });
        this.obtainedAt = Date.now();
        this.options.logger?.info({ server: this.options.label, issuer: stored.issuer, clientId: stored.clientId, grant, scope: stored.tokens.scope, expiresInS: expiresIn(stored) }, 'oauth tokens obtained');
        return stored;
      } catch (error) {
        // A cached registration the server has forgotten: register again, once.
        if (attempt === 1 && identity.source === 'registration' && isInvalidClient(error)) {
          await this.options.store.deleteClient(discovery.metadata.issuer, identity.kind!);
          continue;
        }
        throw error;
      }
    }
  }

  private async runGrant(grant: Grant, discovery: StoredDiscovery, identity: ClientIdentity, scope: string | undefined, signal?: AbortSignal): Promise<OAuthTokens> {
    const ctx: GrantContext = {
      label: this.options.label,
      discovery,
      client: identity.information,
      authenticate: this.authenticator(identity, discovery),
      fetch: this.fetchFn,
      tell: this.options.tell,
      openUrl: this.options.openUrl,
      timeoutMs: this.options.settings.loginTimeoutMs,
      ...(scope ? { scope } : {}),
      ...(discovery.resource ? { resource: discovery.resource } : {}),
      ...(signal ? { signal } : {}),
    };
    switch (grant) {
      case 'client_credentials':
        return clientCredentialsGrant(ctx);
      case 'device_code':
        return deviceCodeGrant(ctx);
      case 'enterprise':
        return enterpriseGrant(ctx, await identityProvider(this.options.settings.enterprise!, ctx, this.options.settings.redirectPort));
      case 'authorization_code': {
        const listener = await listenForCallback(this.options.settings.redirectPort ?? 0);
        try {
          return await authorizationCodeGrant(ctx, listener);
        } finally {
          await listener.close();
        }
      }
    }
  }

  private authenticator(identity: ClientIdentity, discovery: StoredDiscovery) {
    const { settings } = this.options;
    return clientAuthentication({
      information: identity.information,
      ...(identity.source === 'config' && settings.clientAuth ? { method: settings.clientAuth } : {}),
      ...(identity.source === 'config' && settings.privateKey ? { privateKey: settings.privateKey } : {}),
      ...(settings.privateKeyAlg ? { privateKeyAlg: settings.privateKeyAlg } : {}),
    }, discovery.metadata);
  }

  /** The client a stored grant was issued to (config, metadata document, or the cached registration). */
  private async identityFor(grant: StoredGrant, discovery: StoredDiscovery): Promise<ClientIdentity> {
    const { settings, store } = this.options;
    if (settings.clientId === grant.clientId) return { information: { client_id: grant.clientId, ...(settings.clientSecret ? { client_secret: settings.clientSecret } : {}) }, source: 'config' };
    if (settings.clientMetadataUrl === grant.clientId) return { information: { client_id: grant.clientId }, source: 'metadata-document' };
    for (const kind of ['native', 'confidential']) {
      const record = await store.readClient(discovery.metadata.issuer, kind);
      if (record?.information.client_id === grant.clientId) return { information: record.information, source: 'registration', kind };
    }
    return { information: { client_id: grant.clientId }, source: 'registration', kind: 'native' };
  }

  /** Cached discovery (no requests on a warm call), or discover and keep it. */
  private async discovery(request: { resourceMetadataUrl?: string; fresh?: boolean }, locked = false): Promise<StoredDiscovery> {
    await this.sync();
    const cached = this.record?.discovery;
    if (cached && !request.fresh && (!request.resourceMetadataUrl || request.resourceMetadataUrl === cached.resourceMetadataUrl || cached.resourceMetadata)) return cached;
    const discovery = await discover(this.options.serverUrl, {
      ...(request.resourceMetadataUrl ? { resourceMetadataUrl: request.resourceMetadataUrl } : {}),
      ...(this.options.settings.issuer ? { expectedIssuer: this.options.settings.issuer } : {}),
      fetch: this.fetchFn,
    });
    this.options.logger?.debug({ server: this.options.label, issuer: discovery.metadata.issuer, legacy: discovery.legacy, resource: discovery.resource }, 'oauth discovery');
    const save = async () => {
      await this.sync(true);
      await this.options.store.writeResource({ ...this.base(), discovery });
      await this.sync(true);
    };
    // The lock is not reentrant: a refresh already holds it.
    if (locked) await save();
    else await this.options.store.withLock(this.serverUrl, save);
    return discovery;
  }

  private base(): ResourceRecord {
    return this.record ?? { version: 1, serverUrl: this.serverUrl, label: this.options.label, grants: [] };
  }

  /** Replace (or with undefined, drop) one grant and write the record. Call under the lock, after sync(true). */
  private async saveGrant(next: StoredGrant | undefined, previous: StoredGrant | undefined): Promise<void> {
    const record = this.base();
    const grants = record.grants.filter((g) => !(previous && sameGrant(g, previous)) && !(next && sameGrant(g, next)));
    if (next) grants.push(next);
    const updated: ResourceRecord = { ...record, label: this.options.label, grants };
    await this.options.store.writeResource(updated);
    this.record = updated;
    this.stamp = await this.options.store.stamp(this.serverUrl);
  }

  /** Re-read the record when the file changed (another process refreshed or logged in). */
  private async sync(force = false): Promise<void> {
    const stamp = await this.options.store.stamp(this.serverUrl);
    if (!force && this.loaded && stamp === this.stamp) return;
    this.record = stamp === undefined ? undefined : await this.options.store.readResource(this.serverUrl);
    this.stamp = stamp;
    this.loaded = true;
    // Without a configured client, this client's grants are those of the clients it registered (or its metadata document).
    this.ownClients.clear();
    const issuer = this.record?.discovery?.metadata.issuer;
    if (!this.options.settings.clientId && issuer) {
      for (const kind of ['native', 'confidential']) {
        const registered = await this.options.store.readClient(issuer, kind);
        if (registered) this.ownClients.add(registered.information.client_id);
      }
      if (this.options.settings.clientMetadataUrl) this.ownClients.add(this.options.settings.clientMetadataUrl);
    }
  }

  /** The grant matching the configured client and issuer, most recent first. */
  private pick(record: ResourceRecord | undefined): StoredGrant | undefined {
    const candidates = (record?.grants ?? []).filter((g) => this.matches(g, record!));
    return candidates.sort((a, b) => (b.refreshedAt ?? b.obtainedAt) - (a.refreshedAt ?? a.obtainedAt))[0];
  }

  /** Whether a stored grant is this client's: issued to its configured client (else to one it registered), by its authorization server. */
  private matches(grant: StoredGrant, record: ResourceRecord): boolean {
    const { settings } = this.options;
    const own = settings.clientId ? grant.clientId === settings.clientId : this.ownClients.has(grant.clientId);
    return own
      && (!settings.issuer || sameIssuer(grant.issuer, settings.issuer))
      && (!record.discovery || sameIssuer(grant.issuer, record.discovery.metadata.issuer));
  }
}

function sameGrant(a: StoredGrant, b: StoredGrant): boolean {
  return sameIssuer(a.issuer, b.issuer) && a.clientId === b.clientId;
}

function expired(grant: StoredGrant): boolean {
  return grant.tokens.expiresAt !== undefined && grant.tokens.expiresAt < Date.now();
}

function expiresIn(grant: StoredGrant): number | undefined {
  return grant.tokens.expiresAt === undefined ? undefined : Math.round((grant.tokens.expiresAt - Date.now()) / 1000);
}

function isInvalidClient(error: unknown): boolean {
  if (error instanceof InvalidClientError) return true;
  const details = (error as { details?: { oauthError?: string } })?.details;
  return details?.oauthError === 'invalid_client' || details?.oauthError === 'unauthorized_client';
}
