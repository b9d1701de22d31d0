import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const schemaText = readFileSync(join(repo, 'schemas/plugin-manifest.schema.json'), 'utf8');
const schemaHash = createHash('sha256').update(schemaText).digest('hex');
// Inside kernel/, so that the generated module resolves ajv's runtime helpers as dist/ does.
const scratch = mkdtempSync(join(repo, 'kernel', '.manifest-validator-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const manifests: unknown[] = [
  { apiVersion: '^1.0.0', entry: './dist/index.js' },
  { apiVersion: '^1.0.0', entry: './dist/index.js', provides: { commands: [{ path: ['x', 'y'], summary: 'Y', remotable: true }], hooks: [{ name: 'gateway.request', kind: 'AsyncSeriesBailHook', args: ['request'] }] } },
  { entry: './x.js' },
  { apiVersion: 1, entry: 'x.js', extra: true },
  { apiVersion: '^1.0.0', entry: './x.js', provides: { commands: [{ path: ['Bad Path'] }], taps: ['everything'], hints: { 'not a code': 1 } } },
  { apiVersion: '^1.0.0', entry: './x.js', provides: { hooks: [{ name: 'request', kind: 'SyncLoopHook', args: [] }], serverTypes: [{ name: 'Has Space' }] } },
];

const outcome = (validate: ValidateFunction, manifest: unknown): { ok: boolean; errors: Array<Pick<ErrorObject, 'instancePath' | 'keyword' | 'message'>> } => {
  const ok = validate(manifest);
  return { ok, errors: (validate.errors ?? []).map(({ instancePath, keyword, message }) => ({ instancePath, keyword, message })) };
};

describe('the build-time manifest validator', () => {
  it('is generated from the schema and judges every manifest exactly as the run-time compile does', () => {
    const out = join(scratch, 'manifest-validator.cjs');
    execFileSync(process.execPath, [join(repo, 'scripts/compile-manifest-validator.mjs'), out]);
    const generated = createRequire(join(repo, 'kernel/package.json'))(out) as ValidateFunction & { schemaHash: string };
    expect(generated.schemaHash).toBe(schemaHash);
    const compiled = new Ajv2020.default({ allErrors: true, strict: true }).compile(JSON.parse(schemaText) as object);
    for (const manifest of manifests) expect(outcome(generated, manifest)).toEqual(outcome(compiled, manifest));
    expect(outcome(generated, manifests[4]).errors.length).toBeGreaterThan(2);
  });

  it('in dist/ was built from the current schema (so the kernel uses it instead of compiling)', () => {
    const built = join(repo, 'kernel/dist/plugins/manifest-validator.cjs');
    if (!existsSync(built)) {
      const message = `${built} is missing: run \`npm run build\` (tsc -b alone does not generate it)`;
      if (process.env.CI === 'true') throw new Error(message);
      console.warn(`SKIPPED CHECK: ${message}`);
      return;
    }
    expect((createRequire(built)(built) as { schemaHash: string }).schemaHash).toBe(schemaHash);
  });
});
