import { packageTestConfig } from '@mcpctl/testing/vitest';

/**
 * Runs this package's tests alone: `npx vitest run --config plugins/db/vitest.config.ts`.
 * PostgreSQL and MariaDB come from MCPCTL_TEST_PG_URL / MCPCTL_TEST_MYSQL_URL (see README).
 */
export default packageTestConfig(import.meta.url);
