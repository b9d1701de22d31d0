import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../src/engines/engine.js';
import { createEngine } from '../../src/engines/index.js';
import { parseDbUrl } from '../../src/url.js';
import { connect, type Connected } from './client.js';

/**
 * The write-attempt corpus. Every attempt is sent to a read-tier server
 * through the query tool and must come back as a tool error; then the
 * database is read again and must be unchanged. Attempts the database
 * itself refuses (`db: 'refuses'`) — or lets run without any effect
 * (`db: 'no effect'`) — are sent a second time straight to the engine,
 * with the classifier bypassed, to show the database is the guard. The
 * few the database cannot stop for a privileged user (server files,
 * programs, session locks: `db: 'privileges'`) are documented in the
 * README and stopped by the classifier only.
 */

export interface Attempt {
  sql: string;
  /** What the attempt tries. */
  why: string;
  db: 'refuses' | 'no effect' | 'privileges';
}

export interface CorpusOptions {
  attempts: Attempt[];
  url(): string;
  /** Everything an attempt could have changed, as text. */
  snapshot(): Promise<string>;
  /** Files that must not exist afterwards. */
  markers(): string[];
  /** Checked after the bypass run as well (e.g. the pool's sessions are still read-only). */
  readOnlyProbe: string;
  expectProbe: unknown[][];
}

const ENGINE_OPTIONS = { access: 'read' as const, poolSize: 2, idleTimeoutMs: 10_000, cursorIdleMs: 10_000, connectTimeoutMs: 5_000, statementTimeoutMs: 5_000 };

export function corpusSuite(options: CorpusOptions): void {
  let server: Connected;
  let baseline: string;

  beforeAll(async () => {
    server = await connect({ url: options.url() });
    baseline = await options.snapshot();
  });
  afterAll(async () => server?.close());

  it('has at least 30 write attempts', () => {
    expect(options.attempts.length).toBeGreaterThanOrEqual(30);
    expect(new Set(options.attempts.map((a) => a.sql)).size).toBe(options.attempts.length);
  });

  it.each(options.attempts.map((a) => [a.why, a] as const))('read tier refuses: %s', async (_why, attempt) => {
    const error = await server.fails('query', { sql: attempt.sql });
    expect(['ACCESS_DENIED', 'DB_STATEMENT_NOT_ALLOWED', 'DB_SQL_ERROR']).toContain(error.code);
    expect(await options.snapshot()).toBe(baseline);
    for (const marker of options.markers()) expect(existsSync(marker), marker).toBe(false);
  });

  it('the database itself stops every attempt it is the guard for (classifier bypassed)', async () => {
    const engine: Engine = await createEngine(parseDbUrl(options.url(), process.cwd()), ENGINE_OPTIONS);
    await engine.connect();
    const outcomes: string[] = [];
    const problems: string[] = [];
    try {
      for (const attempt of options.attempts.filter((a) => a.db !== 'privileges')) {
        let outcome = 'ran';
        try {
          const cursor = await engine.openQuery(attempt.sql, [], { timeoutMs: 5_000 });
          while (!cursor.done) await cursor.read(100);
          await cursor.close();
        } catch (error) {
          outcome = `refused: ${(error as Error).message.split('\n')[0]}`;
        }
        outcomes.push(`${attempt.why} → ${outcome}`);
        if (attempt.db === 'refuses' && !outcome.startsWith('refused')) problems.push(`the database ran ${attempt.why}: ${attempt.sql}`);
        if ((await options.snapshot()) !== baseline) problems.push(`the database changed after ${attempt.why}: ${attempt.sql}`);
      }
      expect(problems).toEqual([]);
      // Whatever ran left no session behind that could write later.
      for (let i = 0; i < 4; i++) {
        const cursor = await engine.openQuery(options.readOnlyProbe, [], { timeoutMs: 5_000 });
        expect(await cursor.read(10)).toEqual(options.expectProbe);
        await cursor.close();
      }
    } finally {
      await engine.close();
    }
    expect(outcomes.length).toBeGreaterThanOrEqual(20);
  });
}
