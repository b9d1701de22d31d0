import { describe, expect, it } from 'vitest';
import {
  annotationsForTier,
  ByteBudget,
  createProgressReporter,
  cursorScope,
  decodeCursor,
  encodeCursor,
  minTier,
  paginate,
  parseAccess,
  runWithDeadline,
  tierAllows,
  ToolError,
  truncateUtf8,
  withCleanup,
  type ProgressNotification,
  type ToolServer,
} from '../src/index.js';

describe('access tiers', () => {
  it('orders read < write < destructive', () => {
    expect(tierAllows('read', 'read')).toBe(true);
    expect(tierAllows('read', 'write')).toBe(false);
    expect(tierAllows('write', 'read')).toBe(true);
    expect(tierAllows('write', 'destructive')).toBe(false);
    expect(tierAllows('destructive', 'write')).toBe(true);
    expect(minTier('destructive', 'write')).toBe('write');
  });

  it('parses the entry option with a read default and rejects unknown values', () => {
    expect(parseAccess(undefined)).toBe('read');
    expect(parseAccess('write')).toBe('write');
    expect(() => parseAccess('admin')).toThrow(/access must be one of read, write, destructive/);
  });

  it('derives honest annotations from the tier', () => {
    expect(annotationsForTier('read')).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(annotationsForTier('write', { idempotent: true })).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true });
    expect(annotationsForTier('destructive')).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
  });
});

describe('pagination', () => {
  it('round-trips state in an opaque base64url cursor', () => {
    const cursor = encodeCursor({ after: 'a/b' }, 'scope1');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'scope1')).toEqual({ after: 'a/b' });
  });

  it('refuses a cursor from another query and garbage', () => {
    const cursor = encodeCursor({ o: 5 }, cursorScope({ path: 'a', limit: 3 }));
    expect(() => decodeCursor(cursor, cursorScope({ path: 'b' }))).toThrow(/different query/);
    expect(() => decodeCursor('not a cursor!', '')).toThrow(ToolError);
    expect(() => decodeCursor(Buffer.from('{"x":1}').toString('base64url'), '')).toThrow(/Invalid cursor/);
  });

  it('ignores paging arguments when scoping', () => {
    expect(cursorScope({ path: 'a', limit: 3, cursor: 'x' })).toBe(cursorScope({ path: 'a' }));
  });

  it('pages a list to the end', () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    const limits = { defaultLimit: 3, maxLimit: 10 };
    const first = paginate(items, {}, limits);
    expect(first).toMatchObject({ items: [0, 1, 2], truncated: true });
    const second = paginate(items, { cursor: first.nextCursor }, limits);
    expect(second.items).toEqual([3, 4, 5]);
    const third = paginate(items, { cursor: second.nextCursor }, limits);
    expect(third).toEqual({ items: [6], truncated: false });
  });
});

describe('byte budget', () => {
  it('spends and refuses', () => {
    const budget = new ByteBudget(10);
    expect(budget.take(6)).toBe(true);
    expect(budget.take(5)).toBe(false);
    expect(budget.exhausted).toBe(true);
    expect(budget.remaining).toBe(4);
  });

  it('cuts text on a character boundary', () => {
    expect(truncateUtf8('aé€', 3)).toBe('aé');
    expect(truncateUtf8('aé€', 4)).toBe('aé');
    expect(truncateUtf8('aé€', 6)).toBe('aé€');
    const budget = new ByteBudget(5);
    expect(budget.fitText('€€')).toEqual({ text: '€', cut: true });
  });
});

describe('deadline', () => {
  it('times out a handler that ignores its signal', async () => {
    await expect(runWithDeadline(() => new Promise(() => undefined), { timeoutMs: 30, what: 'slow' })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('aborts the handler signal when the caller cancels', async () => {
    const caller = new AbortController();
    let seen: AbortSignal | undefined;
    const run = runWithDeadline(
      (signal) => {
        seen = signal;
        return new Promise(() => undefined);
      },
      { signal: caller.signal, timeoutMs: 5000, what: 'work' },
    );
    caller.abort();
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen?.aborted).toBe(true);
  });

  it('passes the value through', async () => {
    await expect(runWithDeadline(async () => 42, { timeoutMs: 1000, what: 'x' })).resolves.toBe(42);
  });
});

describe('progress', () => {
  it('is a no-op without a token, and strictly increasing and throttled with one', () => {
    const sent: ProgressNotification[] = [];
    const send = async (n: ProgressNotification) => void sent.push(n);
    createProgressReporter(undefined, send)(1, 2);
    expect(sent).toHaveLength(0);
    const report = createProgressReporter('t', send, { minIntervalMs: 10_000 });
    report(1, 10, 'one');
    report(1, 10);
    report(2, 10); // throttled
    report(10, 10); // final always goes
    expect(sent.map((n) => n.params.progress)).toEqual([1, 10]);
    expect(sent[0]?.params).toEqual({ progressToken: 't', progress: 1, total: 10, message: 'one' });
  });
});

describe('withCleanup', () => {
  const fakeServer = (close: () => Promise<void>) => ({ close, access: 'read' }) as unknown as ToolServer;

  it('runs the cleanup once, after the server closed, however often close is called', async () => {
    const order: string[] = [];
    const server = withCleanup(fakeServer(async () => void order.push('server')), () => void order.push('cleanup'));
    await server.close();
    await server.close();
    expect(order).toEqual(['server', 'cleanup', 'server']);
    expect(server.access).toBe('read');
  });

  it('still cleans up when closing the server fails, and reports that failure', async () => {
    let cleaned = 0;
    const server = withCleanup(fakeServer(() => Promise.reject(new Error('transport gone'))), async () => void cleaned++);
    await expect(server.close()).rejects.toThrow('transport gone');
    expect(cleaned).toBe(1);
  });
});
