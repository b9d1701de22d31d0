import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { seedStatements } from './fixtures.js';

/**
 * Real PostgreSQL and MariaDB/MySQL for tests. Each test file creates a
 * fresh database and drops it afterwards. Servers come from
 * MCPCTL_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * and MCPCTL_TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306/). When a
 * server is missing: under CI=true the run fails; elsewhere the suite is
 * skipped with a loud message.
 */

export const PG_ADMIN_URL = process.env.MCPCTL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MYSQL_ADMIN_URL = process.env.MCPCTL_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

const CI = process.env.CI === 'true';

function newName(): string {
  return `mcpctl_test_${randomBytes(5).toString('hex')}`;
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.href;
}

function unavailable(engine: string, adminUrl: string, error: unknown, variable: string): false {
  const reason = error instanceof Error ? error.message : String(error);
  const masked = adminUrl.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  if (CI) throw new Error(`${engine} is required under CI=true but is not reachable at ${masked}: ${reason} (set ${variable})`);
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! SKIPPING ${engine} tests: no server at ${masked} (${reason}).\n!! Start it, or point ${variable} at one. Under CI=true this fails the run.\n${bar}\n`);
  return false;
}

export interface TestDatabase {
  /** URL of the fresh database (admin credentials). */
  url: string;
  name: string;
  /** Run SQL as the admin, on the fresh database. */
  exec(sql: string, values?: unknown[]): Promise<unknown[]>;
  drop(): Promise<void>;
}

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    return unavailable('PostgreSQL', PG_ADMIN_URL, error, 'MCPCTL_TEST_PG_URL');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = newName();
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(PG_ADMIN_URL, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    url,
    name,
    async exec(sql, values) {
      return (await client.query({ text: sql, ...(values ? { values } : {}) })).rows;
    },
    async drop() {
      await client.end().catch(() => undefined);
      const dropper = new pg.Client({ connectionString: PG_ADMIN_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export async function mysqlAvailable(): Promise<boolean> {
  try {
    const conn = await mysql.createConnection({ uri: MYSQL_ADMIN_URL, connectTimeout: 3000 });
    await conn.query('SELECT 1');
    await conn.end();
    return true;
  } catch (error) {
    return unavailable('MariaDB/MySQL', MYSQL_ADMIN_URL, error, 'MCPCTL_TEST_MYSQL_URL');
  }
}

async function createMysqlDatabase(): Promise<TestDatabase> {
  const name = newName();
  const admin = await mysql.createConnection({ uri: MYSQL_ADMIN_URL });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(MYSQL_ADMIN_URL, name);
  const conn = await mysql.createConnection({ uri: url, multipleStatements: true });
  return {
    url,
    name,
    async exec(sql, values) {
      const [rows] = await conn.query(sql, values);
      return Array.isArray(rows) ? (rows as unknown[]) : [rows];
    },
    async drop() {
      await conn.end().catch(() => undefined);
      const dropper = await mysql.createConnection({ uri: MYSQL_ADMIN_URL });
      await dropper.query(`DROP DATABASE IF EXISTS ${name}`);
      await dropper.end();
    },
  };
}

/**
 * A fresh database seeded with the shop (fixtures.ts) for the enclosing
 * describe block: created before its tests, dropped after them. Returns a
 * getter for it, to call from hooks and tests.
 */
export function seededDatabase(engine: 'postgres' | 'mysql'): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await (engine === 'postgres' ? createPostgresDatabase() : createMysqlDatabase());
    for (const sql of seedStatements(engine)) await db.exec(sql);
  });
  afterAll(async () => db?.drop());
  return () => {
    if (!db) throw new Error(`the ${engine} test database is not created yet (use it inside tests and hooks)`);
    return db;
  };
}
