import { createHash, timingSafeEqual } from 'node:crypto';
import * as errors from '../errors.js';

/**
 * Subresource-integrity strings as npm writes them: space-separated
 * `<algorithm>-<base64 digest>[?options]`. Read with node:crypto directly
 * (ssri's load hashes its whole algorithm table, ≈6 ms of every install).
 */
function digestsOf(integrity: string): Map<string, string[]> {
  const digests = new Map<string, string[]>();
  for (const item of integrity.trim().split(/\s+/)) {
    const match = /^([a-z0-9]+)-([A-Za-z0-9+/=]+)(\?.*)?$/.exec(item);
    if (!match) continue;
    digests.set(match[1]!, [...(digests.get(match[1]!) ?? []), match[2]!]);
  }
  return digests;
}

/**
 * Checks that an integrity string is a sha512 one (sha1 "shasum"s and
 * missing integrities are refused: they prove nothing today).
 */
export function requireSha512(label: string, integrity: string | undefined | null): string {
  if (!integrity) throw errors.INTEGRITY(label, 'the registry published no integrity (dist.integrity) for it');
  const digests = digestsOf(integrity);
  if (!digests.has('sha512')) throw errors.INTEGRITY(label, `the registry published only ${[...digests.keys()].join(', ') || 'an unreadable'} integrity, not sha512`);
  return integrity;
}

/**
 * Reinstalling from a record: the registry's integrity for the version must
 * be the one recorded when it was installed, or the registry now serves
 * other bytes under the same version.
 */
export function requireUnchanged(label: string, published: string, recorded: string | undefined): void {
  if (recorded && recorded !== published) throw errors.INTEGRITY(label, `the registry now publishes ${published.slice(0, 20)}… for it, but it was installed as ${recorded.slice(0, 20)}…`);
}

/** The first sha512 digest (base64) of an integrity string, if it has one. */
export function sha512Digest(integrity: string): string | undefined {
  return digestsOf(integrity).get('sha512')?.[0];
}

/** Does data match the integrity (any of its sha512 digests)? */
export function matchesIntegrity(data: Buffer, integrity: string): boolean {
  const expected = digestsOf(integrity).get('sha512') ?? [];
  if (expected.length === 0) return false;
  const actual = createHash('sha512').update(data).digest();
  return expected.some((digest) => {
    const wanted = Buffer.from(digest, 'base64');
    return wanted.length === actual.length && timingSafeEqual(wanted, actual);
  });
}

/** The sha512 integrity of data. */
export function integrityOf(data: Buffer): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

/** pacote / npm-registry-fetch signal a mismatch with code EINTEGRITY. */
export function isIntegrityError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'EINTEGRITY';
}
