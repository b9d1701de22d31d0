import type { ServerEntry } from '@mcpctl/kernel';
import { minTier, parseAccess, type AccessTier } from '@mcpctl/toolkit';
import { S3_OPTIONS_INVALID } from './errors.js';

/**
 * A `type: s3` entry's options, checked and with defaults applied. The kernel
 * validates the entry against schema.json first; this enforces the same
 * contract again for the options this plugin owns.
 */

export type Credentials =
  | { kind: 'keys'; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | { kind: 'profile'; profile: string }
  | { kind: 'default' };

/** One allow-list item: a bucket, a folder prefix in it ("" for all of it), and the tier it grants. */
export interface BucketGrant {
  bucket: string;
  prefix: string;
  access: AccessTier;
  /** Where it came from in the config, for messages: `buckets[2]`. */
  setting: string;
}

export interface S3Options {
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
  credentials: Credentials;
  buckets: BucketGrant[];
  access: AccessTier;
  maxObjectBytes: number;
  maxPutBytes: number;
  partSizeBytes: number;
  copyThresholdBytes: number;
  copyPartSizeBytes: number;
  presignExpiresSeconds: number;
  requestTimeoutMs: number;
  maxAttempts: number;
  checksums: 'when_supported' | 'when_required';
  searchMaxKeys: number;
  maxResultBytes: number | undefined;
}

const MIB = 1024 * 1024;
export const DEFAULTS = Object.freeze({
  region: 'us-east-1',
  maxObjectBytes: MIB,
  maxPutBytes: 100 * MIB,
  partSizeBytes: 8 * MIB,
  minPartSizeBytes: 5 * MIB,
  /** S3's limit for one CopyObject, and for one part. */
  maxCopyBytes: 5 * 1024 * MIB,
  copyPartSizeBytes: 512 * MIB,
  presignExpiresSeconds: 900,
  maxPresignExpiresSeconds: 604_800,
  requestTimeoutMs: 30_000,
  maxAttempts: 3,
  searchMaxKeys: 10_000,
});

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function normalizeOptions(entry: ServerEntry, serverName: string, env: NodeJS.ProcessEnv = process.env): S3Options {
  const fail = (message: string): never => {
    throw S3_OPTIONS_INVALID(serverName, message);
  };
  let access: AccessTier = 'read';
  try {
    access = parseAccess(entry.access);
  } catch (error) {
    fail((error as Error).message);
  }
  const int = (key: string, value: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return fail(`\`${key}\` must be an integer from ${min} to ${max}`);
    return value;
  };
  const endpoint = entry.endpoint;
  if (endpoint !== undefined && (typeof endpoint !== 'string' || !/^https?:\/\/[^/]/.test(endpoint))) fail('`endpoint` must be an http:// or https:// URL');
  if (entry.region !== undefined && (typeof entry.region !== 'string' || entry.region === '')) fail('`region` must be a region name such as us-east-1');
  if (entry.forcePathStyle !== undefined && typeof entry.forcePathStyle !== 'boolean') fail('`forcePathStyle` must be true or false');
  const checksums = entry.checksums ?? 'when_supported';
  if (checksums !== 'when_supported' && checksums !== 'when_required') fail('`checksums` must be when_supported or when_required');
  const partSizeBytes = int('partSizeBytes', entry.partSizeBytes, DEFAULTS.partSizeBytes, DEFAULTS.minPartSizeBytes);
  return {
    endpoint: endpoint as string | undefined,
    region: (entry.region as string | undefined) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? DEFAULTS.region,
    forcePathStyle: entry.forcePathStyle === true,
    credentials: normalizeCredentials(entry.credentials, fail),
    buckets: normalizeBuckets(entry.buckets, access, fail),
    access,
    maxObjectBytes: int('maxObjectBytes', entry.maxObjectBytes, DEFAULTS.maxObjectBytes, 1),
    maxPutBytes: int('maxPutBytes', entry.maxPutBytes, DEFAULTS.maxPutBytes, 1),
    partSizeBytes,
    copyThresholdBytes: int('copyThresholdBytes', entry.copyThresholdBytes, DEFAULTS.maxCopyBytes, DEFAULTS.minPartSizeBytes, DEFAULTS.maxCopyBytes),
    copyPartSizeBytes: int('copyPartSizeBytes', entry.copyPartSizeBytes, DEFAULTS.copyPartSizeBytes, DEFAULTS.minPartSizeBytes, DEFAULTS.maxCopyBytes),
    presignExpiresSeconds: int('presignExpiresSeconds', entry.presignExpiresSeconds, DEFAULTS.presignExpiresSeconds, 1, DEFAULTS.maxPresignExpiresSeconds),
    requestTimeoutMs: int('requestTimeoutMs', entry.requestTimeoutMs, DEFAULTS.requestTimeoutMs, 1),
    maxAttempts: int('maxAttempts', entry.maxAttempts, DEFAULTS.maxAttempts, 1, 10),
    checksums: checksums as S3Options['checksums'],
    searchMaxKeys: int('searchMaxKeys', entry.searchMaxKeys, DEFAULTS.searchMaxKeys, 1),
    maxResultBytes: entry.maxResultBytes === undefined ? undefined : int('maxResultBytes', entry.maxResultBytes, 0, 1024),
  };
}

function normalizeCredentials(value: unknown, fail: (message: string) => never): Credentials {
  if (value === undefined) return { kind: 'default' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('`credentials` must be { accessKeyId, secretAccessKey, sessionToken? } or { profile }');
  const c = value as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const v = c[key];
    if (v === undefined) return undefined;
    // Never echo the value: it is a secret.
    if (typeof v !== 'string' || v === '') return fail(`\`credentials.${key}\` must be a non-empty string (take it from \${env:NAME})`);
    return v;
  };
  const profile = text('profile');
  if (profile !== undefined) {
    if (Object.keys(c).length > 1) fail('`credentials` takes either `profile` or access keys, not both');
    return { kind: 'profile', profile };
  }
  const accessKeyId = text('accessKeyId');
  const secretAccessKey = text('secretAccessKey');
  const sessionToken = text('sessionToken');
  if (accessKeyId === undefined || secretAccessKey === undefined) return fail('`credentials` needs both `accessKeyId` and `secretAccessKey` (or `profile`)');
  return { kind: 'keys', accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) };
}

function normalizeBuckets(value: unknown, entryAccess: AccessTier, fail: (message: string) => never): BucketGrant[] {
  if (!Array.isArray(value) || value.length === 0) return fail('`buckets` must list at least one { bucket, prefix?, access? }: the buckets this server may touch');
  return value.map((raw, index): BucketGrant => {
    const setting = `buckets[${index}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(`${setting} must be an object { bucket, prefix?, access? }`);
    const item = raw as Record<string, unknown>;
    if (typeof item.bucket !== 'string' || !BUCKET_NAME.test(item.bucket)) return fail(`${setting}.bucket must be a bucket name (3-63 lower-case letters, digits, "." and "-")`);
    const prefix = item.prefix ?? '';
    if (typeof prefix !== 'string') return fail(`${setting}.prefix must be a string`);
    if (hasControlCharacter(prefix)) return fail(`${setting}.prefix must not contain control characters`);
    if (prefix.split('/').some((segment) => segment === '.' || segment === '..')) return fail(`${setting}.prefix must not contain "." or ".." segments`);
    let access = entryAccess;
    if (item.access !== undefined) {
      try {
        access = minTier(entryAccess, parseAccess(item.access));
      } catch (error) {
        return fail(`${setting}.access: ${(error as Error).message}`);
      }
    }
    return { bucket: item.bucket, prefix: folderPrefix(prefix), access, setting };
  });
}

/** A prefix is a folder: "reports" and "reports/" both mean keys under "reports/". */
export function folderPrefix(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

// C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}
