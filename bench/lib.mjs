// Helpers the benchmarks share.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// The MCP Inspector CLI: a dev dependency of the repository (test/e2e drives it too).
export const INSPECTOR_BIN = join(REPO, 'node_modules', '@modelcontextprotocol', 'inspector', 'clients', 'launcher', 'build', 'index.js');

/** { ok } when the Inspector is installed, else { ok: false, why }. */
export function ensureInspector() {
  if (existsSync(INSPECTOR_BIN)) return { ok: true };
  return { ok: false, why: 'node_modules/@modelcontextprotocol/inspector is missing: run `npm ci`' };
}
