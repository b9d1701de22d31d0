import { packageTestConfig } from '@mcpctl/testing/vitest';

/** Runs this package's tests alone: `npx vitest run --config kernel/diagnostics/vitest.config.ts`. */
export default packageTestConfig(import.meta.url);
