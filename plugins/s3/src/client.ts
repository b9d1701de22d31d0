import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { AllowList } from './allow-list.js';
import { installEnforcement } from './enforcement.js';
import type { S3Options } from './options.js';

/**
 * The S3 client of one server entry, with the enforcement middleware
 * installed before anything can use it. Credentials go to the SDK and
 * nowhere else: the client's own logger is left silent.
 */
export function createS3Client(options: S3Options, allow: AllowList): S3Client {
  const checksum = options.checksums === 'when_required' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED';
  const config: S3ClientConfig = {
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    maxAttempts: options.maxAttempts,
    requestChecksumCalculation: checksum,
    responseChecksumValidation: checksum,
    requestHandler: { requestTimeout: options.requestTimeoutMs, connectionTimeout: Math.min(options.requestTimeoutMs, 10_000) },
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
  };
  const credentials = options.credentials;
  if (credentials.kind === 'keys') {
    config.credentials = { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}) };
  } else if (credentials.kind === 'profile') {
    config.profile = credentials.profile;
  }
  const client = new S3Client(config);
  installEnforcement(client, allow, {
    endpointHost: options.endpoint === undefined ? undefined : new URL(options.endpoint).hostname,
    forcePathStyle: options.forcePathStyle,
  });
  return client;
}
