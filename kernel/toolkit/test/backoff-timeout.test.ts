import { describe, expect, it } from 'vitest';
import { backoffBound, backoffCeiling, backoffDelay } from '../src/backoff.js';
import { raceTimeout, sleep } from '../src/timeout.js';

describe('backoff', () => {
  const policy = { initialMs: 100, factor: 2, maxMs: 1000, jitter: { low: 0.8, high: 1.2 } };

  it('grows exponentially to the cap, with the jitter range around the ceiling', () => {
    expect(backoffCeiling(1, policy)).toBe(100);
    expect(backoffCeiling(3, policy)).toBe(400);
    expect(backoffCeiling(10, policy)).toBe(1000);
    expect(backoffDelay(3, policy, () => 0)).toBe(320);
    expect(backoffDelay(3, policy, () => 1)).toBe(480);
    expect(backoffDelay(10, policy, () => 1)).toBe(1000);
    for (let attempt = 1; attempt < 12; attempt += 1) {
      for (const random of [0, 0.5, 0.999]) expect(backoffDelay(attempt, policy, () => random)).toBeLessThanOrEqual(backoffBound(attempt, policy));
    }
  });

  it('"equal jitter" stays between half the ceiling and all of it; no jitter is the ceiling', () => {
    const equal = { initialMs: 200, maxMs: 5000, jitter: { low: 0.5, high: 1 } };
    expect(backoffDelay(2, equal, () => 0)).toBe(200);
    expect(backoffDelay(2, equal, () => 1)).toBe(400);
    expect(backoffDelay(4, { initialMs: 200, maxMs: 5000 }, () => 0.3)).toBe(1600);
  });
});

describe('raceTimeout and sleep', () => {
  it('settles with the work, or with the timeout error, or with the signal reason', async () => {
    expect(await raceTimeout(() => 'done', 1000, () => new Error('late'))).toBe('done');
    await expect(raceTimeout(() => new Promise(() => undefined), 20, () => new Error('too slow'))).rejects.toThrow('too slow');
    await expect(raceTimeout(async () => Promise.reject(new Error('failed')), 1000, () => new Error('late'))).rejects.toThrow('failed');
    const controller = new AbortController();
    const pending = raceTimeout(() => new Promise(() => undefined), 5000, () => new Error('late'), controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
    await expect(raceTimeout(() => 1, 1000, () => new Error('late'), AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it('sleep waits, and stops early with the signal reason', async () => {
    const started = Date.now();
    await sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
