import { packageTestConfig } from '@mcpctl/testing/vitest';

/** Runs this package's tests alone: `npx vitest run --config plugins/auth-oauth/vitest.config.ts`. */
export default packageTestConfig(import.meta.url);
