import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { allowingYoungGrowth, explicitSemiSpaceFlags, holdMemoryPolicy, semiSpaceMb, workerResourceLimits, YOUNG_GENERATION_CAP_MB } from '../src/server/memory-policy.js';

/**
 * Allocate `totalMb` of short-lived rows in 100 KB pages while the last
 * `liveMb` of them stay reachable, turning the event loop between pages as
 * a server does; returns the largest semi-space that held for three
 * readings in a row (a reading can overshoot for a moment while pages are
 * pinned during a collection). Test files run in their own processes, so
 * V8 flags changed here stay here.
 */
async function stream(totalMb: number, liveMb: number): Promise<number> {
  const pageRows = 500;
  const live: unknown[][][] = new Array(liveMb * 10);
  let settled = semiSpaceMb();
  let current = settled;
  let run = 0;
  for (let page = 0; page < totalMb * 10; page++) {
    const rows = new Array<unknown[]>(pageRows);
    for (let i = 0; i < pageRows; i++) rows[i] = [page, `row ${page}/${i} ${'x'.repeat(120)}`.slice(0, 120 + (i % 7)), i / 3];
    live[page % live.length] = rows;
    if (page % 10 === 0) {
      await nextTurn();
      const now = semiSpaceMb();
      run = now === current ? run + 1 : 1;
      current = now;
      if (run >= 3) settled = Math.max(settled, now);
    }
  }
  return settled;
}

describe('the young-generation memory policy', () => {
  it('recognises explicit young-generation flags', () => {
    expect(explicitSemiSpaceFlags(['--max-semi-space-size=16'], '')).toBe(true);
    expect(explicitSemiSpaceFlags([], '--inspect --max_semi_space_size=4')).toBe(true);
    expect(explicitSemiSpaceFlags(['--semi-space-growth-factor=2'], '')).toBe(true);
    expect(explicitSemiSpaceFlags(['--min-semi-space-size=2'], '')).toBe(true);
    expect(explicitSemiSpaceFlags(['--max-old-space-size=100', '--expose-gc'], '--enable-source-maps')).toBe(false);
  });

  // Behaviour of V8 itself: skipped when this process was given young-generation flags.
  const live = explicitSemiSpaceFlags() ? it.skip : it;

  live('keeps the young generation at the cap while held, under sustained allocation', async () => {
    const release = holdMemoryPolicy();
    const start = semiSpaceMb();
    const peak = await stream(200, 4);
    release();
    expect(peak).toBeLessThanOrEqual(Math.max(start, YOUNG_GENERATION_CAP_MB));
  });

  live('gives worker threads the cap as a resource limit (V8 sizes the young generation at 3 semi-spaces)', () => {
    expect(workerResourceLimits()).toEqual({ maxYoungGenerationSizeMb: 3 * YOUNG_GENERATION_CAP_MB });
  });

  live('lets V8 grow it while a worker starts up, then holds it again', async () => {
    const release = holdMemoryPolicy();
    try {
      const start = semiSpaceMb();
      const held = await stream(100, 4);
      expect(held).toBeLessThanOrEqual(Math.max(start, YOUNG_GENERATION_CAP_MB));
      const during = await allowingYoungGrowth(() => stream(200, 4));
      if (held < 64) expect(during).toBeGreaterThan(held);
      const after = await stream(200, 4);
      expect(after).toBeLessThanOrEqual(during);
    } finally {
      release();
    }
  });

  live('leaves V8 to grow it again once every holder has released it', async () => {
    const first = holdMemoryPolicy();
    const second = holdMemoryPolicy();
    first();
    first();
    second();
    const start = semiSpaceMb();
    const peak = await stream(200, 4);
    // V8's own heuristic doubles the young generation under this load (up to 64 MB).
    if (start < 64) expect(peak).toBeGreaterThan(Math.max(start, YOUNG_GENERATION_CAP_MB));
  });
});
