import { describe, expect, it } from 'vitest';
import { CrashBreaker } from '../src/supervisor/breaker.js';
import { afterExit, type ExitFacts } from '../src/supervisor/exit-policy.js';
import { resolveSupervise } from '../src/supervisor/options.js';

const crash = { code: 1, signal: null, at: 0 };
const clean = { code: 0, signal: null, at: 0 };

function facts(overrides: Partial<ExitFacts> & { restart?: 'always' | 'on-failure' | 'never' } = {}): ExitFacts {
  const options = resolveSupervise('s', { type: 'stdio', supervise: { restart: overrides.restart ?? 'always', breaker: { maxCrashes: 3, window: 60_000 } } });
  return { info: crash, wanted: true, options, breaker: new CrashBreaker(options.breaker), attempt: 0, readyAt: undefined, now: 1_000_000, random: () => 0.5, ...overrides };
}

describe('the restart policy after an exit', () => {
  it('stops what is not wanted, and keeps down what its policy says stays down', () => {
    expect(afterExit(facts({ wanted: false }))).toEqual({ next: 'stopped' });
    expect(afterExit(facts({ restart: 'never' }))).toEqual({ next: 'exited' });
    expect(afterExit(facts({ restart: 'on-failure', info: clean }))).toEqual({ next: 'exited' });
    expect(afterExit(facts({ restart: 'on-failure', info: crash }))).toMatchObject({ next: 'restart', attempt: 1 });
    expect(afterExit(facts({ restart: 'on-failure', info: { ...clean, reason: 'health check failed' } }))).toMatchObject({ next: 'restart' });
  });

  it('backs off further with each restart, and starts over after a run that stayed up', () => {
    const first = facts();
    const one = afterExit(first);
    const two = afterExit({ ...first, attempt: 1 });
    expect(one).toMatchObject({ next: 'restart', attempt: 1 });
    expect(two).toMatchObject({ next: 'restart', attempt: 2 });
    expect((two as { delayMs: number }).delayMs).toBeGreaterThan((one as { delayMs: number }).delayMs);
    const settled = facts({ attempt: 5, readyAt: 1_000_000 - first.options.backoff.resetAfterMs });
    expect(afterExit(settled)).toMatchObject({ attempt: 1 });
  });

  it('opens the crash-loop breaker on the third crash within the window', () => {
    const base = facts();
    expect(afterExit(base).next).toBe('restart');
    expect(afterExit({ ...base, now: base.now + 1 }).next).toBe('restart');
    const third = afterExit({ ...base, now: base.now + 2 });
    expect(third).toMatchObject({ next: 'failed', reason: expect.stringMatching(/^crashed 3 times within .*; last exit: code 1$/) });
  });
});
