import type { AuthConfig, AuthVerifier, VerifyRequest, VerifyResult } from '@mcpctl/kernel';
import { AUTH_CONFIG_INVALID } from '../errors.js';
import { checkHeader, optionalString } from '../fields.js';
import { headerValue, keyEntries, realmOf, scopesOf } from './entries.js';
import { digestsEqual, isSha256Hex, sha256Hex } from './secret-hash.js';

interface KnownKey {
  id: string;
  sha256: string;
  scopes: string[];
}

/**
 * `serve: { auth: { method: api-key, keys: [{ id: ci, sha256: <hex> }] } }`:
 * a request must carry one of the keys in a header (X-API-Key, or e.g.
 * `header: Authorization, scheme: Bearer`). Keys are held as SHA-256
 * digests (`key: "${env:…}"` is hashed when the endpoint starts) and
 * compared in constant time against every known key.
 */
export function apiKeyVerifier(config: AuthConfig, serverName?: string): AuthVerifier {
  const where = serverName ? ` (server ${serverName})` : '';
  const header = optionalString(config, 'header', serverName) ?? 'X-API-Key';
  checkHeader(config, header, '', serverName);
  const scheme = optionalString(config, 'scheme', serverName);
  const realm = realmOf(config, serverName);
  const keys: KnownKey[] = keyEntries(config, 'keys', serverName).map((entry, index) => {
    const id = typeof entry['id'] === 'string' && entry['id'] ? entry['id'] : `key-${index + 1}`;
    const digest = entry['sha256'];
    const plain = entry['key'];
    if (typeof digest === 'string') {
      if (!isSha256Hex(digest)) throw AUTH_CONFIG_INVALID('api-key', where, `keys[${index}].sha256 must be 64 hex digits (run \`mcpctl auth hash --method api-key\`)`);
      return { id, sha256: digest.toLowerCase(), scopes: scopesOf(entry, index, 'api-key', where) };
    }
    if (typeof plain === 'string' && plain.length > 0) return { id, sha256: sha256Hex(plain), scopes: scopesOf(entry, index, 'api-key', where) };
    throw AUTH_CONFIG_INVALID('api-key', where, `keys[${index}] needs \`sha256\` (the key's digest) or \`key\` (e.g. "\${env:API_KEY}")`);
  });
  const challenge = scheme ? `${scheme} realm="${realm}"` : `ApiKey realm="${realm}", header="${header}"`;
  const reject = (message: string): VerifyResult => ({ ok: false, status: 401, challenge, message });

  return {
    method: 'api-key',
    verify(request: VerifyRequest): VerifyResult {
      let presented = headerValue(request.headers, header);
      if (presented === undefined) return reject(`Unauthorized: send the API key in the ${header} header`);
      if (scheme) {
        const prefix = `${scheme.toLowerCase()} `;
        if (!presented.toLowerCase().startsWith(prefix)) return reject(`Unauthorized: the ${header} header must be "${scheme} <key>"`);
        presented = presented.slice(prefix.length).trim();
      }
      const digest = sha256Hex(presented);
      // Compare against every key (no early exit), so timing says nothing about which one matched.
      let match: KnownKey | undefined;
      for (const key of keys) if (digestsEqual(digest, key.sha256) && !match) match = key;
      if (!match) return reject('Unauthorized: the API key is not valid');
      return { ok: true, principal: { subject: match.id, scopes: match.scopes, method: 'api-key' } };
    },
  };
}
