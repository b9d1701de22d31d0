import type { AuthConfig, AuthVerifier, VerifyRequest, VerifyResult } from '@mcpctl/kernel';
import { AUTH_CONFIG_INVALID } from '../errors.js';
import { headerValue, keyEntries, realmOf, scopesOf } from './entries.js';
import { hashPassword, parsePasswordHash, passwordMatches, sha256Hex, type ParsedPasswordHash } from './secret-hash.js';

interface KnownUser {
  username: string;
  hash: ParsedPasswordHash;
  scopes: string[];
}

/** Successful checks are remembered this long, so a client's every request does not pay for scrypt. */
const REMEMBER_MS = 5 * 60 * 1000;
const REMEMBER_MAX = 1000;

/**
 * `serve: { auth: { method: basic, users: [{ username: alice, hash: "scrypt$…" }] } }`:
 * HTTP basic authentication against configured users. Passwords are held as
 * scrypt hashes (`password: "${env:…}"` is hashed when the endpoint starts);
 * a success is remembered for five minutes under the SHA-256 of the
 * credentials, never the credentials themselves.
 */
export async function basicVerifier(config: AuthConfig, serverName?: string): Promise<AuthVerifier> {
  const where = serverName ? ` (server ${serverName})` : '';
  const realm = realmOf(config, serverName);
  const users = new Map<string, KnownUser>();
  for (const [index, entry] of keyEntries(config, 'users', serverName).entries()) {
    const username = entry['username'];
    if (typeof username !== 'string' || username.length === 0 || username.includes(':')) {
      throw AUTH_CONFIG_INVALID('basic', where, `users[${index}].username must be a non-empty string without ":"`);
    }
    if (users.has(username)) throw AUTH_CONFIG_INVALID('basic', where, `user "${username}" is listed twice`);
    const stored = entry['hash'];
    const plain = entry['password'];
    let hash: ParsedPasswordHash | undefined;
    if (typeof stored === 'string') {
      hash = parsePasswordHash(stored);
      if (!hash) throw AUTH_CONFIG_INVALID('basic', where, `users[${index}].hash is not an scrypt hash (run \`mcpctl auth hash --method basic\`)`);
    } else if (typeof plain === 'string' && plain.length > 0) {
      hash = parsePasswordHash(await hashPassword(plain));
    }
    if (!hash) throw AUTH_CONFIG_INVALID('basic', where, `users[${index}] needs \`hash\` (scrypt) or \`password\` (e.g. "\${env:PASSWORD}")`);
    users.set(username, { username, hash, scopes: scopesOf(entry, index, 'basic', where) });
  }
  // A fixed hash to check against for unknown users, so their answer takes as long as a wrong password.
  const decoy = parsePasswordHash(await hashPassword('decoy'))!;
  const remembered = new Map<string, { username: string; until: number }>();
  const challenge = `Basic realm="${realm}", charset="UTF-8"`;
  const reject = (message: string): VerifyResult => ({ ok: false, status: 401, challenge, message });

  return {
    method: 'basic',
    async verify(request: VerifyRequest): Promise<VerifyResult> {
      const header = headerValue(request.headers, 'authorization');
      if (!header || !/^basic /i.test(header)) return reject('Unauthorized: send HTTP basic credentials');
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 1) return reject('Unauthorized: malformed basic credentials');
      const username = decoded.slice(0, colon);
      const password = decoded.slice(colon + 1);
      const cacheKey = sha256Hex(`${username}\0${password}`);
      const known = remembered.get(cacheKey);
      const user = users.get(username);
      if (known && known.until > Date.now() && user) return { ok: true, principal: { subject: user.username, scopes: user.scopes, method: 'basic' } };
      const matches = await passwordMatches(password, user?.hash ?? decoy);
      if (!user || !matches) return reject('Unauthorized: wrong user name or password');
      if (remembered.size >= REMEMBER_MAX) remembered.delete(remembered.keys().next().value as string);
      remembered.set(cacheKey, { username, until: Date.now() + REMEMBER_MS });
      return { ok: true, principal: { subject: user.username, scopes: user.scopes, method: 'basic' } };
    },
  };
}
