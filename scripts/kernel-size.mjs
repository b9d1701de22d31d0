#!/usr/bin/env node
// npm run size:kernel — how big the kernel proper (kernel/src) is, by concern:
// all lines (wc -l, the measure issue 12 uses) and code lines (without blank
// and comment-only lines), with the public type declarations (interfaces/)
// shown apart, since they are what plugin authors read rather than mechanism.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { REPO } from '../bench/lib.mjs';

const ROOT = join(REPO, 'kernel/src');

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

function count(text) {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let code = 0;
  let inBlock = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (inBlock) {
      if (trimmed.includes('*/')) inBlock = false;
      continue;
    }
    if (trimmed === '' || trimmed.startsWith('//')) continue;
    if (trimmed.startsWith('/*')) {
      inBlock = !trimmed.includes('*/');
      continue;
    }
    code++;
  }
  return { all: lines.length, code };
}

const byConcern = new Map();
for (const file of sources(ROOT)) {
  const rel = relative(ROOT, file);
  const concern = rel.includes(sep) ? rel.split(sep)[0] : '(top level)';
  const sum = byConcern.get(concern) ?? { files: 0, all: 0, code: 0 };
  const { all, code } = count(readFileSync(file, 'utf8'));
  byConcern.set(concern, { files: sum.files + 1, all: sum.all + all, code: sum.code + code });
}

const total = { files: 0, all: 0, code: 0 };
console.log(`${'kernel/src'.padEnd(16)}${'files'.padStart(7)}${'lines'.padStart(9)}${'code'.padStart(9)}`);
for (const [concern, sum] of [...byConcern].sort((a, b) => b[1].all - a[1].all)) {
  console.log(`${concern.padEnd(16)}${String(sum.files).padStart(7)}${String(sum.all).padStart(9)}${String(sum.code).padStart(9)}`);
  for (const key of Object.keys(total)) total[key] += sum[key];
}
const types = byConcern.get('interfaces') ?? { files: 0, all: 0, code: 0 };
console.log(`${'total'.padEnd(16)}${String(total.files).padStart(7)}${String(total.all).padStart(9)}${String(total.code).padStart(9)}`);
console.log(`${'without types'.padEnd(16)}${String(total.files - types.files).padStart(7)}${String(total.all - types.all).padStart(9)}${String(total.code - types.code).padStart(9)}`);
