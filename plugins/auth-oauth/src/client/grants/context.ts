import type { AddClientAuthentication } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { StoredDiscovery } from '../token-store.js';

/** What every grant needs: where to ask, as whom, for what. */
export interface GrantContext {
  /** The server as the user named it (messages). */
  label: string;
  discovery: StoredDiscovery;
  client: OAuthClientInformationMixed;
  authenticate: AddClientAuthentication;
  /** Space-separated scopes, or undefined to omit `scope`. */
  scope?: string;
  /** The RFC 8707 resource indicator, when known. */
  resource?: string;
  fetch: typeof fetch;
  /** Tell the person something (stderr). Never given a secret. */
  tell(text: string): void;
  /** Open a URL in a browser; false when none could be opened. */
  openUrl(url: string): Promise<boolean>;
  signal?: AbortSignal;
  /** How long an interactive grant may wait for the person. */
  timeoutMs: number;
}
