import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFs, makeTree, type Connected, type Sandbox } from './helpers.js';

/**
 * grep on files larger than one read chunk (64 KiB): matches on either side
 * of a chunk seam, a needle straddling it, context lines across it, and
 * resuming inside a big file — all compared with a plain line-by-line search.
 */

const CHUNK = 64 * 1024;
let tree: Sandbox;
let fs: Connected;
let lines: string[];

function naive(pattern: RegExp, context: number): Array<{ line: number; text: string; before?: string[]; after?: string[] }> {
  const out = [];
  for (const [i, text] of lines.entries()) {
    if (!pattern.test(text)) continue;
    out.push(context > 0 ? { line: i + 1, text, before: lines.slice(Math.max(0, i - context), i), after: lines.slice(i + 1, i + 1 + context) } : { line: i + 1, text });
  }
  return out;
}

beforeAll(async () => {
  tree = makeTree();
  lines = [];
  let size = 0;
  // Lines of varying length, with NEEDLE sprinkled in, and one placed to straddle the first chunk seam.
  for (let i = 0; size < CHUNK * 3.5; i++) {
    let line = `line ${i} ${'x'.repeat(i % 90)}`;
    if (i % 211 === 0) line += ' NEEDLE here';
    if (size < CHUNK && size + line.length + 1 >= CHUNK - 3 && !lines.some((l) => l.includes('SEAM'))) {
      // Put "SEAMNEEDLE" so that it crosses byte 65536.
      const pad = CHUNK - size - 5;
      line = `${'y'.repeat(Math.max(0, pad))}SEAMNEEDLE`;
    }
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  lines.push('last line NEEDLE without newline');
  writeFileSync(join(tree.root, 'big.txt'), lines.join('\n'));
  fs = await connectFs({ roots: [tree.root] });
});
afterAll(async () => {
  await fs.close();
  tree.cleanup();
});

type Result = { matches: Array<{ line: number; text: string; before?: string[]; after?: string[] }>; nextCursor?: string };
const strip = (result: Result) => result.matches.map(({ line, text, before, after }) => (before ? { line, text, before, after } : { line, text }));

describe('grep on a file larger than a chunk', () => {
  it('finds every literal match, including one across the seam', async () => {
    const result = await fs.ok<Result>('grep', { pattern: 'NEEDLE', literal: true, maxMatches: 5000 });
    expect(strip(result)).toEqual(naive(/NEEDLE/, 0));
    expect(result.matches.some((m) => m.text.includes('SEAMNEEDLE'))).toBe(true);
  });

  it('finds a needle split across two reads', async () => {
    const result = await fs.ok<Result>('grep', { pattern: 'SEAMNEEDLE', literal: true });
    expect(strip(result)).toEqual(naive(/SEAMNEEDLE/, 0));
    expect(result.matches).toHaveLength(1);
  });

  it('finds every regex match', async () => {
    const result = await fs.ok<Result>('grep', { pattern: '^line \\d*7 x{80}', maxMatches: 5000 });
    expect(strip(result)).toEqual(naive(/^line \d*7 x{80}/, 0));
    expect(result.matches.length).toBeGreaterThan(5);
  });

  it('keeps context lines across chunks', async () => {
    const result = await fs.ok<Result>('grep', { pattern: 'NEEDLE', literal: true, contextLines: 2, maxMatches: 5000 });
    expect(strip(result)).toEqual(naive(/NEEDLE/, 2));
  });

  it('resumes inside the big file page by page', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page: Result = await fs.ok<Result>('grep', { pattern: 'NEEDLE', literal: true, maxMatches: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...page.matches.map((m) => m.line));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(naive(/NEEDLE/, 0).map((m) => m.line));
  });
});
