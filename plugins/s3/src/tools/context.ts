import type { S3Client } from '@aws-sdk/client-s3';
import type { AllowList } from '../allow-list.js';
import type { S3Options } from '../options.js';

/** What every s3 tool shares: the guarded client, the entry's options and its allow-list. */
export interface S3Deps {
  readonly client: S3Client;
  readonly options: S3Options;
  readonly allow: AllowList;
  readonly serverName: string;
}
