import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Hashes for the secrets verifiers hold, so a config file never has to keep
 * a usable credential:
 *
 * - API keys are long random strings, so one SHA-256 is enough: nobody can
 *   search a 2^128 space however fast the hash is, and a fast hash keeps
 *   every request cheap. Written as 64 hex digits.
 * - Passwords are short and guessable, so they get scrypt (memory-hard,
 *   salted, in node:crypto): `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`.
 *
 * Every comparison is constant-time (timingSafeEqual over equal lengths).
 */

/** scrypt cost for new password hashes: about 50 ms and 16 MiB per check. */
const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function isSha256Hex(value: string): boolean {
  return /^[0-9a-f]{64}$/i.test(value);
}

/** Constant-time equality of two hex digests (false when lengths differ). */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase(), 'hex');
  const right = Buffer.from(b.toLowerCase(), 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** A new random API key: 32 bytes, base64url (43 characters). */
export function generateApiKey(): string {
  return randomBytes(32).toString('base64url');
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const hash = await scryptAsync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export interface ParsedPasswordHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** Parse `scrypt$N$r$p$salt$hash`; undefined when malformed. */
export function parsePasswordHash(text: string): ParsedPasswordHash | undefined {
  const parts = text.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const hash = Buffer.from(parts[5]!, 'base64');
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || !Number.isInteger(p) || p < 1 || salt.length < 8 || hash.length < 16) return undefined;
  return { N, r, p, salt, hash };
}

/** Check a password against a parsed hash, in constant time for the comparison. */
export async function passwordMatches(password: string, stored: ParsedPasswordHash): Promise<boolean> {
  // maxmem must cover 128 * N * r bytes (plus slack) for the stored cost.
  const derived = await scryptAsync(password, stored.salt, stored.hash.length, { N: stored.N, r: stored.r, p: stored.p, maxmem: 256 * stored.N * stored.r + 1024 * 1024 });
  return timingSafeEqual(derived, stored.hash);
}

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}
