import { closeSync, openSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool, workerPool } from '../src/pool/pool.js';
import { connectFs, link, makeTree, write, type Connected, type Sandbox } from './helpers.js';

/**
 * grep past its first 256 files hands the rest to worker threads in batches.
 * These trees are big enough for that: the results must be exactly those of a
 * one-thread search in walk order (checked against a plain search here),
 * pages must join up across batches, and no directory descriptor may outlive
 * the call.
 */

const DIRS = 12;
const FILES_PER_DIR = 130;
let tree: Sandbox;
let fs: Connected;
/** The searchable text files, in walk order. */
const files: Array<{ path: string; lines: string[] }> = [];
/** Every NEEDLE match a correct search returns, in walk order: path and line. */
let expected: Array<{ path: string; line: number }>;

/** What a plain line-by-line search over `files` finds. */
function naive(pattern: RegExp): Array<{ path: string; line: number }> {
  return files.flatMap(({ path, lines }) => lines.flatMap((text, i) => (pattern.test(text) ? [{ path, line: i + 1 }] : [])));
}

type Match = { path: string; line: number; text: string; before?: string[]; after?: string[] };
type Result = { matches: Match[]; filesSearched: number; filesMatched: number; nextCursor?: string; truncated: boolean };

/** Descriptors this process holds on the test tree (worker threads hold descriptors of their own, so count only these). */
function openDescriptors(): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(tree.base)) count++;
    } catch {
      /* closed meanwhile */
    }
  }
  return count;
}

beforeAll(async () => {
  tree = makeTree();
  // Names sort the way the walk visits them: d00…d11, each with f000…f129; big.txt last.
  for (let d = 0; d < DIRS; d++) {
    const dir = `d${String(d).padStart(2, '0')}`;
    for (let f = 0; f < FILES_PER_DIR; f++) {
      const path = `${dir}/f${String(f).padStart(3, '0')}.txt`;
      const lines = Array.from({ length: 6 }, (_, i) => `row ${i + 1} of ${path}`);
      const seed = d * FILES_PER_DIR + f;
      if (seed % 37 === 0) lines[2] = `a NEEDLE in ${path}`;
      if (seed % 101 === 0) lines[5] = `another NEEDLE in ${path}`;
      write(tree.root, path, lines.join('\n') + '\n');
      files.push({ path, lines });
    }
  }
  // Never searched: a denied file, an ignored one, a binary one, links out of the root.
  write(tree.root, 'd03/.env', 'NEEDLE=secret\n');
  write(tree.root, '.gitignore', 'ignored.txt\n');
  write(tree.root, 'd05/ignored.txt', 'NEEDLE ignored\n');
  writeFileSync(join(tree.root, 'd07', 'blob.bin'), Buffer.from([0, 1, 2, ...Buffer.from('NEEDLE')]));
  writeFileSync(join(tree.outside, 'far.txt'), 'NEEDLE outside\n');
  link(join(tree.outside, 'far.txt'), join(tree.root, 'd08', 'link.txt'));
  link(tree.outside, join(tree.root, 'd09', 'out'));
  // A file larger than a read chunk, streamed by a worker.
  const big = Array.from({ length: 5000 }, (_, i) => (i === 4321 ? 'big NEEDLE' : `filler line ${i} ${'x'.repeat(20)}`));
  write(tree.root, 'd11/zz-big.txt', big.join('\n') + '\n');
  files.push({ path: 'd11/zz-big.txt', lines: big });
  expected = naive(/NEEDLE/);
  fs = await connectFs({ roots: [tree.root] });
});
afterAll(async () => {
  await fs?.close();
  tree?.cleanup();
});

describe('grep over many files (worker threads)', () => {
  it('returns exactly the matches of a one-thread search, in walk order', async () => {
    const tasksBefore = workerPool().tasksDone;
    const result = await fs.ok<Result>('grep', { pattern: 'NEEDLE', literal: true, maxMatches: 5000 });
    // (1560 + 3 files) - 256 searched in this thread = 3 batches of up to 512 on the workers.
    expect(workerPool().tasksDone - tasksBefore).toBe(3);
    expect(result.matches.map(({ path, line }) => ({ path, line }))).toEqual(expected);
    expect(result.truncated).toBe(false);
    // Every regular file but the denied and ignored ones: the text files, .gitignore, and blob.bin (opened, then skipped as binary).
    expect(result.filesSearched).toBe(files.length + 2);
    expect(result.filesMatched).toBe(new Set(expected.map((m) => m.path)).size);
    expect(JSON.stringify(result)).not.toMatch(/secret|ignored|outside/);
  });

  it('regex searches and context lines come back the same from workers', async () => {
    const result = await fs.ok<Result>('grep', { pattern: '^a NEEDLE in d1[01]', contextLines: 2, maxMatches: 5000 });
    const want = naive(/^a NEEDLE in d1[01]/);
    expect(want.length).toBeGreaterThan(5);
    expect(result.matches.map(({ path, line }) => ({ path, line }))).toEqual(want);
    for (const match of result.matches) {
      expect(match.before).toEqual([`row 1 of ${match.path}`, `row 2 of ${match.path}`]);
      expect(match.after).toEqual([`row 4 of ${match.path}`, `row 5 of ${match.path}`]);
    }
  });

  it('pages join up across batches, resuming inside files and directories', async () => {
    const pages: Match[][] = [];
    let cursor: string | undefined;
    do {
      const page: Result = await fs.ok<Result>('grep', { pattern: 'NEEDLE', literal: true, maxMatches: 9, ...(cursor ? { cursor } : {}) });
      pages.push(page.matches);
      expect(page.matches.length).toBeLessThanOrEqual(9);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 100);
    expect(pages.flat().map(({ path, line }) => ({ path, line }))).toEqual(expected);
    expect(pages.length).toBe(Math.ceil(expected.length / 9));
  });

  it('the byte budget cuts a page in order, inside the workers\' part of the tree, and says so', async () => {
    // Matches only from d05 on (past the first 256 files), several per file: far more than a small budget holds.
    const pattern = 'row [0-9] of d(0[5-9]|1[01])';
    const small = await connectFs({ roots: [tree.root], maxReadBytes: 1024 });
    try {
      const result = await small.ok<Result>('grep', { pattern, maxMatches: 5000 });
      expect(result.truncated).toBe(true);
      expect(result.nextCursor).toBeDefined();
      expect(result.matches.length).toBeGreaterThan(50);
      expect(result.matches.length).toBeLessThan(naive(new RegExp(pattern)).length);
      expect(result.matches.map(({ path, line }) => ({ path, line }))).toEqual(naive(new RegExp(pattern)).slice(0, result.matches.length));
      const next = await small.ok<Result>('grep', { pattern, maxMatches: 5000, cursor: result.nextCursor });
      expect(next.matches.map(({ path, line }) => ({ path, line }))).toEqual(naive(new RegExp(pattern)).slice(result.matches.length, result.matches.length + next.matches.length));
    } finally {
      await small.close();
    }
  });

  it('leaves no directory descriptor open: finished, stopped early, or cancelled by the client', async () => {
    const before = openDescriptors();
    expect(before).toBe(0);
    await fs.ok('grep', { pattern: 'NEEDLE', literal: true, maxMatches: 5000 });
    await fs.ok('grep', { pattern: 'NEEDLE', literal: true, maxMatches: 20 });
    // The client gives up after 5 ms and sends notifications/cancelled: the walk stops and its batches are abandoned.
    await expect(fs.client.callTool({ name: 'grep', arguments: { pattern: 'row', maxMatches: 5000 } }, undefined, { timeout: 5 })).rejects.toThrow(/timed out/i);
    // A cancelled call's batches are abandoned in the background: give them a moment.
    for (let i = 0; i < 50 && openDescriptors() > before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(openDescriptors()).toBe(before);
  });
});

describe('a runaway regular expression', () => {
  it('runs on a worker even in a tree of one file, and ends with the call; the server stays responsive meanwhile', async () => {
    const small = makeTree({ 'evil.txt': `${'a'.repeat(40)}b\n` });
    const server = await connectFs({ roots: [small.root] });
    try {
      const stuck = server.client.callTool({ name: 'grep', arguments: { pattern: '^(a+)+$' } }, undefined, { timeout: 400 });
      // While the worker backtracks, this thread still answers.
      expect((await server.ok<{ roots: unknown[] }>('list_roots')).roots).toHaveLength(1);
      await expect(stuck).rejects.toThrow(/timed out/i);
      // A page resumed inside a file goes to a worker too, from the line after the cursor.
      write(small.root, 'rows.txt', Array.from({ length: 9 }, (_, i) => `row ${i + 1}`).join('\n') + '\n');
      const first = await server.ok<Result>('grep', { pattern: '^row [0-9]$', include: 'rows.txt', maxMatches: 4 });
      expect(first.matches.map((m) => m.line)).toEqual([1, 2, 3, 4]);
      const rest = await server.ok<Result>('grep', { pattern: '^row [0-9]$', include: 'rows.txt', maxMatches: 4, cursor: first.nextCursor });
      expect(rest.matches.map((m) => m.line)).toEqual([5, 6, 7, 8]);
    } finally {
      await server.close();
      small.cleanup();
    }
  });

  it('ends with the call: the stuck worker is stopped, its directories closed, and the next search works', async () => {
    // Catastrophic backtracking on a line of 40 a's, deep in a large tree.
    write(tree.root, 'd11/zz-evil.txt', `${'a'.repeat(40)}b\n`);
    const before = openDescriptors();
    const started = performance.now();
    await expect(fs.client.callTool({ name: 'grep', arguments: { pattern: '^(a+)+$' } }, undefined, { timeout: 300 })).rejects.toThrow(/timed out/i);
    for (let i = 0; i < 150 && openDescriptors() > before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(openDescriptors()).toBe(before);
    // Cancelled at 300 ms, stopped one second later at most.
    expect(performance.now() - started).toBeLessThan(3000);
    const next = await fs.ok<Result>('grep', { pattern: 'NEEDLE', literal: true, maxMatches: 5000 });
    expect(next.matches.map(({ path, line }) => ({ path, line }))).toEqual(expected);
  });
});

describe('WorkerPool', () => {
  it('runs tasks on several workers, cancels queued ones, and reports a worker failure as an error', async () => {
    const pool = new WorkerPool(2);
    try {
      const dir = tree.root;
      const fd = openSync(join(dir, 'd00'), 'r');
      try {
        const spec = { source: 'NEEDLE', flags: 'm', contextLines: 0, maxLineLength: 400 };
        const task = { kind: 'grep' as const, spec, directories: [{ dirFd: fd, dirPath: join(dir, 'd00'), names: ['f000.txt', 'missing.txt', 'f037.txt'].join('\0') }], maxMatches: 100, maxBytes: 1 << 20 };
        const results = await Promise.all([pool.run(task), pool.run(task), pool.run(task)]);
        for (const result of results) {
          expect(result).toEqual({ end: 3, unopened: [1], matched: [[0, [{ line: 3, text: 'a NEEDLE in d00/f000.txt' }, { line: 6, text: 'another NEEDLE in d00/f000.txt' }]], [2, [{ line: 3, text: 'a NEEDLE in d00/f037.txt' }]]] });
        }
        const controller = new AbortController();
        controller.abort();
        await expect(pool.run(task, controller.signal)).rejects.toThrow('cancelled');
        // A bad regular expression fails in the worker and comes back as an error, not a crash.
        await expect(pool.run({ ...task, spec: { ...spec, source: '(' } })).rejects.toThrow(/Invalid regular expression/);
        expect(await pool.run(task)).toEqual(results[0]);
      } finally {
        closeSync(fd);
      }
    } finally {
      await pool.close();
    }
  });
});
