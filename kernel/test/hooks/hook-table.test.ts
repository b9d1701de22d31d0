import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsyncParallelHook, AsyncSeriesBailHook, AsyncSeriesHook, AsyncSeriesWaterfallHook, HookMap, SyncHook, SyncWaterfallHook } from 'tapable';
import { describe, expect, it } from 'vitest';
import { withHookReference } from '../../../scripts/hook-reference.mjs';
import { createHooks } from '../../src/hooks/create-hooks.js';
import { HOOK_POLICIES } from '../../src/hooks/hook-policies.js';
import { eagerTapNames, hookRows, HOOK_TABLE } from '../../src/hooks/hook-table.js';
import { KERNEL_HOOK_NAMESPACES } from '../../src/plugins/catalog.js';

const REPO = join(import.meta.dirname, '../../..');
const CLASSES: Record<string, unknown> = { SyncHook, SyncWaterfallHook, AsyncSeriesHook, AsyncSeriesBailHook, AsyncSeriesWaterfallHook, AsyncParallelHook };

function at(root: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root);
}

describe('the hook table', () => {
  it('is the shape of the frozen hooks object: one hook (or HookMap) of the declared class per row', () => {
    const hooks = createHooks();
    const rows = hookRows();
    expect(rows.map((row) => row.path)).toEqual([
      'config.schema', 'config.transform', 'serverType', 'transport', 'auth.client', 'auth.verifier', 'health', 'session', 'commands',
      'lifecycle.serverStarting', 'lifecycle.serverReady', 'lifecycle.serverExited', 'lifecycle.shutdown',
    ]);
    for (const { path, declaration } of rows) {
      const hook = at(hooks, path);
      const made = declaration.keyed ? (expect(hook).toBeInstanceOf(HookMap), (hook as HookMap<unknown>).for('x')) : hook;
      // tapable sets `constructor` to the hook's class on every hook it makes.
      expect((made as { constructor: unknown }).constructor, path).toBe(CLASSES[declaration.kind]);
      expect((made as { _args: string[] })._args, path).toEqual(declaration.args);
      expect(declaration.doc.length, path).toBeGreaterThan(10);
    }
    expect(Object.isFrozen(hooks) && Object.isFrozen(hooks.config) && Object.isFrozen(hooks.auth) && Object.isFrozen(hooks.lifecycle)).toBe(true);
    expect(Object.isFrozen(HOOK_TABLE) && Object.isFrozen(HOOK_TABLE.config.schema)).toBe(true);
  });

  it('gives the interceptor its policies: timeouts, waterfall pass-through, reported health failures', () => {
    for (const { path, declaration } of hookRows()) expect(HOOK_POLICIES[path]!.timeoutMs, path).toBe(declaration.timeoutMs);
    expect(HOOK_POLICIES['config.schema']).toEqual({ timeoutMs: 2000, waterfall: true });
    expect(HOOK_POLICIES['config.transform']).toEqual({ timeoutMs: 10_000, waterfall: true });
    expect(HOOK_POLICIES['health']).toEqual({ timeoutMs: 10_000, reportErrors: true });
    expect(HOOK_POLICIES['auth.verifier']).toEqual({ timeoutMs: 30_000 });
  });

  it('agrees with the manifest schema: `provides.taps` accepts exactly the eager names', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'schemas/plugin-manifest.schema.json'), 'utf8')) as {
      properties: { provides: { properties: { taps: { items: { anyOf: Array<{ enum?: string[] }> } } } } };
    };
    const kernelNames = schema.properties.provides.properties.taps.items.anyOf.find((branch) => branch.enum)!.enum;
    expect([...kernelNames!].sort()).toEqual(eagerTapNames().sort());
    expect(eagerTapNames().sort()).toEqual(['config.schema', 'config.transform', 'health', 'lifecycle', 'session']);
  });

  it('reserves its namespaces: plugins may not declare hooks under them', () => {
    expect([...KERNEL_HOOK_NAMESPACES]).toEqual(Object.keys(HOOK_TABLE));
  });

  it('is what the hook reference in docs/writing-plugins.md says (regenerate with scripts/hook-reference.mjs)', () => {
    const document = readFileSync(join(REPO, 'docs/writing-plugins.md'), 'utf8');
    expect(withHookReference(document, hookRows())).toBe(document);
  });

  it('types every hook argument and result without `any` (tsc on kernel/test/types)', () => {
    const tsc = join(REPO, 'node_modules/.bin/tsc');
    const result = spawnSync(tsc, ['-p', join(REPO, 'kernel/test/types/tsconfig.json')], { encoding: 'utf8', timeout: 50_000 });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
