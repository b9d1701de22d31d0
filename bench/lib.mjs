// Helpers the benchmarks share.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// The MCP Inspector CLI, installed on first use into bench/.work (shared by bench:client and bench:daemon).
const INSPECTOR_DIR = join(REPO, 'bench', '.work', 'inspector');
export const INSPECTOR_BIN = join(INSPECTOR_DIR, 'node_modules', '@modelcontextprotocol', 'inspector', 'clients', 'launcher', 'build', 'index.js');

/** Install the Inspector unless it is there (or BENCH_NO_INSTALL forbids it); { ok } or { ok: false, why }. */
export function ensureInspector() {
  if (existsSync(INSPECTOR_BIN)) return { ok: true };
  if (process.env.BENCH_NO_INSTALL) return { ok: false, why: 'not installed and BENCH_NO_INSTALL is set' };
  mkdirSync(INSPECTOR_DIR, { recursive: true });
  process.stderr.write('Installing @modelcontextprotocol/inspector into bench/.work/inspector (first run only)…\n');
  const npm = spawnSync('npm', ['install', '--prefix', INSPECTOR_DIR, '--no-audit', '--no-fund', '--loglevel=error', '@modelcontextprotocol/inspector'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (npm.status !== 0 || !existsSync(INSPECTOR_BIN)) return { ok: false, why: `npm install failed (exit ${npm.status ?? npm.error?.message})` };
  return { ok: true };
}
