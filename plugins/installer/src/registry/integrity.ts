import ssri from 'ssri';
import * as errors from '../errors.js';

/**
 * Checks that an integrity string is a sha512 one (sha1 "shasum"s and
 * missing integrities are refused: they prove nothing today).
 */
export function requireSha512(label: string, integrity: string | undefined | null): string {
  if (!integrity) throw errors.INTEGRITY(label, 'the registry published no integrity (dist.integrity) for it');
  const parsed = ssri.parse(integrity);
  if (!parsed.sha512?.length) throw errors.INTEGRITY(label, `the registry published only ${Object.keys(parsed).join(', ') || 'an unreadable'} integrity, not sha512`);
  return integrity;
}

/** Does data match the integrity (any of its sha512 hashes)? */
export function matchesIntegrity(data: Buffer, integrity: string): boolean {
  return ssri.checkData(data, integrity, { pickAlgorithm: () => 'sha512' }) !== false;
}

/** The sha512 integrity of data. */
export function integrityOf(data: Buffer): string {
  return ssri.fromData(data, { algorithms: ['sha512'] }).toString();
}

/** pacote / npm-registry-fetch signal a mismatch with code EINTEGRITY. */
export function isIntegrityError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'EINTEGRITY';
}
