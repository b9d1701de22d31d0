import { packageTestConfig } from '@mcpctl/testing/vitest';

/**
 * Runs this package's tests alone: `npx vitest run --config plugins/s3/vitest.config.ts`.
 * The tests start their own S3-compatible servers (s3rver, fauxqs) on 127.0.0.1.
 */
export default packageTestConfig(import.meta.url);
