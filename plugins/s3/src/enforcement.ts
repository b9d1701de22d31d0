import type { S3Client } from '@aws-sdk/client-s3';
import { ToolError, tierAllows, type AccessTier } from '@mcpctl/toolkit';
import { PolicyCode, type AllowList } from './allow-list.js';

/**
 * The enforcement middleware: every request the S3 client builds — by a
 * tool, by lib-storage's multipart upload, by the presigner — is checked
 * here, after it is serialised and before it is signed and sent. It looks at
 * what will actually go on the wire (method, host, path, query, the
 * copy-source header), classifies the operation from that alone, and asks
 * the allow-list for the bucket, the key and the tier. Anything it does not
 * recognise is refused; in the read tier nothing but GET and HEAD leaves.
 */

interface WireRequest {
  method: string;
  hostname: string;
  path: string;
  query: Record<string, string | string[] | null>;
  headers: Record<string, string>;
}

interface Addressing {
  /** The configured endpoint's host name, when there is one (virtual-hosted buckets are `<bucket>.<host>`). */
  endpointHost: string | undefined;
  forcePathStyle: boolean;
}

/** What a request does, as classified from the wire. */
export interface Classified {
  operation: string;
  tier: AccessTier;
  bucket?: string;
  key?: string;
}

export const ENFORCEMENT_MIDDLEWARE = 'mcpctlS3Enforcement';

// Query parameters that select a representation or a part, not a sub-resource.
const NEUTRAL_QUERY = new Set(['x-id', 'versionId', 'partNumber', 'list-type', 'prefix', 'delimiter', 'max-keys', 'continuation-token', 'start-after', 'encoding-type', 'fetch-owner', 'X-Amz-Algorithm', 'X-Amz-Content-Sha256', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Security-Token', 'x-amz-checksum-crc32', 'x-amz-sdk-checksum-algorithm']);

export function installEnforcement(client: S3Client, allow: AllowList, addressing: Addressing): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as WireRequest | undefined;
      if (!request || typeof request.method !== 'string') throw refuse('a request that is not HTTP', 'The S3 client produced no HTTP request to check.');
      const input = (args.input ?? {}) as Record<string, unknown>;
      enforceRequest(request, input, allow, addressing, (context as { commandName?: string }).commandName ?? 'request');
      return next(args);
    },
    // The build step runs after serialisation (the wire request exists) and before finalizeRequest (retries, signing).
    { step: 'build', priority: 'low', name: ENFORCEMENT_MIDDLEWARE, tags: ['MCPCTL', 'ENFORCEMENT'] },
  );
}

/** Check one serialised request; throws a ToolError (nothing is sent) when the allow-list or the tier does not allow it. */
export function enforceRequest(request: WireRequest, input: Record<string, unknown>, allow: AllowList, addressing: Addressing, commandName: string): Classified {
  const method = request.method.toUpperCase();
  if (!['GET', 'HEAD', 'PUT', 'POST', 'DELETE'].includes(method)) throw refuse(`HTTP ${method}`, `${commandName} uses a method this server never sends.`);
  // Belt and braces: whatever the classification below says, the read tier sends only GET and HEAD.
  if (!tierAllows(allow.access, 'write') && method !== 'GET' && method !== 'HEAD') {
    throw new ToolError('ACCESS_DENIED', `${commandName} (HTTP ${method}) needs access: write on server ${allow.serverName} (currently ${allow.access})`, {
      hint: `Set \`access: write\` on servers.${allow.serverName} in the mcpctl config if this server should change objects.`,
      details: { needs: 'write', granted: allow.access, server: allow.serverName, method },
    });
  }
  const headers = lowerCaseHeaders(request.headers);
  const copySource = headers['x-amz-copy-source'];
  const { bucket, key } = addressed(request, input, addressing, commandName);
  const sub = subResources(request.query);
  const classified = classify(method, bucket, key, sub, copySource !== undefined, commandName);

  if (classified.bucket === undefined) return classified;
  if (classified.key !== undefined) {
    allow.checkKey(classified.bucket, classified.key, classified.tier, `${classified.operation} (HTTP ${method})`);
  } else if (classified.operation === 'ListObjectsV2') {
    allow.checkListPrefix(classified.bucket, queryValue(request.query, 'prefix') ?? '', 'ListObjectsV2');
  } else if (classified.operation === 'DeleteObjects') {
    allow.bucketGrants(classified.bucket);
    const objects = (input.Delete as { Objects?: Array<{ Key?: unknown }> } | undefined)?.Objects;
    if (!Array.isArray(objects) || objects.length === 0) throw refuse('DeleteObjects without keys', 'A batch delete must name its keys.');
    for (const object of objects) {
      if (typeof object.Key !== 'string') throw refuse('DeleteObjects with a key that is not a string', 'Every key of a batch delete must be a string.');
      allow.checkKey(classified.bucket, object.Key, 'destructive', 'DeleteObjects (HTTP POST)');
    }
  } else {
    allow.bucketGrants(classified.bucket);
  }
  if (copySource !== undefined) {
    const source = parseCopySource(copySource);
    allow.checkKey(source.bucket, source.key, 'read', `copy source of ${classified.operation}`);
  }
  return classified;
}

function classify(method: string, bucket: string | undefined, key: string | undefined, sub: string[], copies: boolean, commandName: string): Classified {
  const only = (...names: string[]) => sub.length === names.length && names.every((name) => sub.includes(name));
  const none = sub.length === 0;
  const deny = (): never => {
    throw refuse(`${commandName} (HTTP ${method}${bucket ? ` on ${bucket}${key === undefined ? '' : '/…'}` : ''}${sub.length ? ` ?${sub.join('&')}` : ''})`, 'This server sends only the object operations its tools need.');
  };
  if (copies && !(method === 'PUT' && key !== undefined && (none || only('uploadId')))) deny();
  if (bucket === undefined) {
    if (method === 'GET' && none) return { operation: 'ListBuckets', tier: 'read' };
    return deny();
  }
  if (key === undefined) {
    if (method === 'GET' && none) return { operation: 'ListObjectsV2', tier: 'read', bucket };
    if (method === 'HEAD' && none) return { operation: 'HeadBucket', tier: 'read', bucket };
    if (method === 'POST' && only('delete')) return { operation: 'DeleteObjects', tier: 'destructive', bucket };
    return deny();
  }
  const at = { bucket, key };
  switch (method) {
    case 'GET':
      if (none) return { operation: 'GetObject', tier: 'read', ...at };
      if (only('tagging')) return { operation: 'GetObjectTagging', tier: 'read', ...at };
      if (only('uploadId')) return { operation: 'ListParts', tier: 'read', ...at };
      return deny();
    case 'HEAD':
      if (none) return { operation: 'HeadObject', tier: 'read', ...at };
      return deny();
    case 'PUT':
      if (none) return { operation: copies ? 'CopyObject' : 'PutObject', tier: 'write', ...at };
      if (only('tagging')) return { operation: 'PutObjectTagging', tier: 'write', ...at };
      if (only('uploadId')) return { operation: copies ? 'UploadPartCopy' : 'UploadPart', tier: 'write', ...at };
      return deny();
    case 'POST':
      if (only('uploads')) return { operation: 'CreateMultipartUpload', tier: 'write', ...at };
      if (only('uploadId')) return { operation: 'CompleteMultipartUpload', tier: 'write', ...at };
      return deny();
    case 'DELETE':
      if (none) return { operation: 'DeleteObject', tier: 'destructive', ...at };
      // Aborting a multipart upload only discards parts of an upload that never became an object.
      if (only('uploadId')) return { operation: 'AbortMultipartUpload', tier: 'write', ...at };
      return deny();
    default:
      return deny();
  }
}

/**
 * Where the request goes: the bucket from the host (virtual-hosted) or the
 * first path segment (path-style), and the key from the rest of the path,
 * percent-decoded and otherwise untouched. The result must agree with the
 * command's own Bucket and Key, so a serialiser that rewrote the path is
 * caught too.
 */
function addressed(request: WireRequest, input: Record<string, unknown>, addressing: Addressing, commandName: string): { bucket?: string; key?: string } {
  const wantBucket = typeof input.Bucket === 'string' ? input.Bucket : undefined;
  const path = request.path.split('?')[0] ?? '';
  if (!path.startsWith('/')) throw refuse(`${commandName} with path ${JSON.stringify(path)}`, 'Request paths must be absolute.');
  let bucket: string | undefined;
  let keyPath: string;
  const virtual = wantBucket !== undefined && !addressing.forcePathStyle && isVirtualHost(request.hostname, wantBucket, addressing.endpointHost);
  if (virtual) {
    bucket = wantBucket;
    keyPath = path.slice(1);
  } else {
    const rest = path.slice(1);
    const slash = rest.indexOf('/');
    const first = slash === -1 ? rest : rest.slice(0, slash);
    bucket = first === '' ? undefined : decode(first, commandName);
    keyPath = slash === -1 ? '' : rest.slice(slash + 1);
  }
  const key = keyPath === '' ? undefined : decode(keyPath, commandName);
  if (bucket !== wantBucket) throw refuse(`${commandName} addressed to bucket ${JSON.stringify(bucket ?? '')} while the command names ${JSON.stringify(wantBucket ?? '')}`, 'The wire request and the command disagree; nothing was sent.');
  const wantKey = typeof input.Key === 'string' ? input.Key : undefined;
  if (key !== wantKey) throw refuse(`${commandName} addressed to key ${JSON.stringify(key ?? '')} while the command names ${JSON.stringify(wantKey ?? '')}`, 'The wire request and the command disagree (a rewritten path?); nothing was sent.');
  return { ...(bucket === undefined ? {} : { bucket }), ...(key === undefined ? {} : { key }) };
}

function isVirtualHost(hostname: string, bucket: string, endpointHost: string | undefined): boolean {
  if (endpointHost !== undefined) return hostname === `${bucket}.${endpointHost}`;
  // AWS: <bucket>.s3.<region>.amazonaws.com, <bucket>.s3-accelerate…, <bucket>.s3.dualstack…
  return hostname.startsWith(`${bucket}.s3.`) || hostname.startsWith(`${bucket}.s3-`);
}

function decode(text: string, commandName: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw refuse(`${commandName} with a malformed path`, 'The request path is not valid percent-encoding.');
  }
}

function subResources(query: WireRequest['query']): string[] {
  return Object.keys(query ?? {}).filter((name) => !NEUTRAL_QUERY.has(name) && !name.startsWith('response-'));
}

function queryValue(query: WireRequest['query'], name: string): string | undefined {
  const value = query?.[name];
  if (Array.isArray(value)) return value[0];
  return value ?? undefined;
}

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/** `x-amz-copy-source`: "bucket/key" (URL-encoded, optionally with a leading "/" and "?versionId=…"). */
export function parseCopySource(header: string): { bucket: string; key: string } {
  const withoutVersion = header.split('?versionId=')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutVersion);
  } catch {
    throw refuse('a copy source that is not valid percent-encoding', 'Copy sources must be "bucket/key".');
  }
  const path = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw refuse(`copy source ${JSON.stringify(decoded)}`, 'Copy sources must be "bucket/key".');
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

function refuse(what: string, why: string): ToolError {
  return new ToolError(PolicyCode.REQUEST_NOT_ALLOWED, `Refused ${what}: ${why}`, {
    hint: 'This is the s3 server\'s request guard; it only lets through object operations on the buckets and prefixes of servers.<name>.buckets.',
  });
}
