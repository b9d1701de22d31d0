import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { followFile } from '../src/run/follow.js';
import { entryFingerprint } from '../src/entry-fingerprint.js';
import { resolveDaemonPaths } from '../src/paths.js';
import { LineDecoder } from '@mcpctl/toolkit/json-lines';
import { backoffBound, backoffDelay } from '../src/supervisor/backoff.js';
import { CrashBreaker } from '../src/supervisor/breaker.js';
import { formatDuration, parseDuration } from '../src/supervisor/duration.js';
import { resolveSupervise } from '../src/supervisor/options.js';
import { RotatingLog, tailLog } from '../src/supervisor/rotating-log.js';

describe('paths', () => {
  it('uses $XDG_RUNTIME_DIR/mcpctl for the socket and falls back to ~/.local/state/mcpctl', () => {
    expect(resolveDaemonPaths({ XDG_RUNTIME_DIR: '/run/user/1000', HOME: '/home/u' })).toMatchObject({
      runtimeDir: '/run/user/1000/mcpctl',
      socket: '/run/user/1000/mcpctl/daemon.sock',
      lock: '/run/user/1000/mcpctl/daemon.pid',
      stateFile: '/home/u/.local/state/mcpctl/daemon/state.json',
    });
    expect(resolveDaemonPaths({ HOME: '/home/u' }).socket).toBe('/home/u/.local/state/mcpctl/daemon.sock');
    expect(resolveDaemonPaths({ HOME: '/home/u', XDG_STATE_HOME: '/s' }).logDir).toBe('/s/mcpctl/daemon/logs');
  });
});

describe('line framing', () => {
  it('splits lines across chunk boundaries and ignores blank lines', () => {
    const decoder = new LineDecoder();
    expect(decoder.push(Buffer.from('{"a":1}\n{"b"'))).toEqual(['{"a":1}']);
    expect(decoder.push(Buffer.from(':2}\r\n\n{"c":'))).toEqual(['{"b":2}']);
    expect(decoder.push(Buffer.from('3}\n'))).toEqual(['{"c":3}']);
  });

  it('keeps multi-byte characters split across chunks intact', () => {
    const decoder = new LineDecoder();
    const bytes = Buffer.from('"héllo"\n');
    expect([...decoder.push(bytes.subarray(0, 3)), ...decoder.push(bytes.subarray(3))]).toEqual(['"héllo"']);
  });

  it('refuses a line longer than the limit', () => {
    const decoder = new LineDecoder(10);
    expect(() => decoder.push(Buffer.from('01234567890123'))).toThrow(/longer than 10 bytes/);
  });
});

describe('backoff and breaker', () => {
  const options = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.2, resetAfterMs: 10_000 };

  it('grows exponentially, stays within ±jitter and is capped', () => {
    expect(backoffDelay(1, options, () => 0.5)).toBe(100);
    expect(backoffDelay(3, options, () => 0.5)).toBe(400);
    expect(backoffDelay(3, options, () => 0)).toBe(320);
    expect(backoffDelay(3, options, () => 1)).toBe(480);
    expect(backoffDelay(10, options, () => 1)).toBe(1000);
    for (let attempt = 1; attempt < 12; attempt++) {
      for (const random of [0, 0.3, 0.999]) expect(backoffDelay(attempt, options, () => random)).toBeLessThanOrEqual(backoffBound(attempt, options));
    }
  });

  it('opens after maxCrashes within the window only', () => {
    const breaker = new CrashBreaker({ maxCrashes: 3, windowMs: 1000 });
    expect(breaker.record(0)).toBe(false);
    expect(breaker.record(800)).toBe(false);
    expect(breaker.record(1600)).toBe(false); // the first fell out of the window
    expect(breaker.record(1700)).toBe(true); // 800, 1600, 1700
    breaker.reset();
    expect(breaker.count(1700)).toBe(0);
  });
});

describe('durations and supervise options', () => {
  it('parses numbers as ms and strings with units', () => {
    expect(parseDuration(250)).toBe(250);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('5 minutes')).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
    expect(formatDuration(61_000)).toBe('1m1s');
  });

  it('merges entry over settings over defaults', () => {
    const options = resolveSupervise(
      'x',
      { type: 'stdio', supervise: { restart: 'always', backoff: { max: '10s' }, health: { interval: '5s' } } },
      { restart: 'never', backoff: { initial: 10, max: 20 }, health: { timeout: 1000 } },
    );
    expect(options.restart).toBe('always');
    expect(options.backoff).toMatchObject({ initialMs: 10, maxMs: 10_000, factor: 2 });
    expect(options.health).toEqual({ intervalMs: 5000, timeoutMs: 1000, failures: 2 });
    expect(options.start).toBe('eager');
  });

  it('names the server and the option when a value is wrong', () => {
    expect(() => resolveSupervise('files', { type: 'fs', supervise: { idleTimeout: 'soon' } })).toThrow(/"files".*supervise\.idleTimeout: "soon" is not valid/);
    expect(() => resolveSupervise('files', { type: 'fs', supervise: { restrat: 'always' } })).toThrow(/supervise\.restrat is not a known option/);
    expect(() => resolveSupervise('files', { type: 'fs', supervise: { backoff: { initial: 500, max: 100 } } })).toThrow(/backoff\.max/);
  });
});

describe('entry fingerprint', () => {
  it('ignores key order, supervise and description, and sees every other change', () => {
    const base = { type: 'stdio', command: 'node', args: ['a'], env: { A: '1', B: '2' } };
    expect(entryFingerprint(base)).toBe(entryFingerprint({ env: { B: '2', A: '1' }, args: ['a'], command: 'node', type: 'stdio', supervise: { restart: 'never' }, description: 'x' }));
    expect(entryFingerprint(base)).not.toBe(entryFingerprint({ ...base, args: ['b'] }));
    expect(entryFingerprint(base)).not.toBe(entryFingerprint({ ...base, env: { A: '1', B: '3' } }));
  });
});

describe('rotating log', () => {
  it('rotates by size, keeps a bounded number of files and tails across them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcd-log-'));
    try {
      const path = join(dir, 's.log');
      const log = new RotatingLog(path, { maxBytes: 100, files: 2 });
      for (let line = 0; line < 40; line++) log.write(`line ${String(line).padStart(2, '0')} ${'.'.repeat(10)}\n`);
      log.close();
      expect(readFileSync(path, 'utf8').length).toBeLessThanOrEqual(100);
      expect(() => readFileSync(`${path}.3`)).toThrow();
      const tail = tailLog(path, 8, 2);
      expect(tail).toHaveLength(8);
      expect(tail.at(-1)).toMatch(/^line 39/);
      expect(tail[0]).toMatch(/^line 32/);
      expect(log.lastLines(2)).toEqual([`line 38 ${'.'.repeat(10)}`, `line 39 ${'.'.repeat(10)}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('follow (-f)', () => {
  it('prints what is appended, and follows the file across a rotation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcd-follow-'));
    const path = join(dir, 'a.log');
    writeFileSync(path, 'old line\n');
    const controller = new AbortController();
    let seen = '';
    const following = followFile(path, (text) => (seen += text), controller.signal, 20);
    try {
      await new Promise((resolve) => setTimeout(resolve, 60));
      appendFileSync(path, 'one\n');
      await waitUntil(() => seen.includes('one'));
      renameSync(path, `${path}.1`);
      writeFileSync(path, 'two\n');
      await waitUntil(() => seen.includes('two'));
      expect(seen).toBe('one\ntwo\n');
    } finally {
      controller.abort();
      await following;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
