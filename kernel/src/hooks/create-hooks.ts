import * as tapable from 'tapable';
import type { HookDeclaration } from '../interfaces/hook-declaration.js';
import type { KernelHooks } from '../interfaces/hooks.js';
import { HOOK_TABLE, isDeclaration } from './hook-table.js';

type HookClass = new (args: string[]) => object;

/** One tapable hook (or HookMap of them) from its declaration. */
export function createHook(declaration: HookDeclaration): object {
  const Class = tapable[declaration.kind] as unknown as HookClass;
  const make = () => new Class([...declaration.args]);
  return declaration.keyed ? new tapable.HookMap(make) : make();
}

/**
 * The kernel's hooks, built from the hook table. The returned object and
 * its groups are frozen: plugins cannot add, replace or remove hooks.
 */
export function createHooks(): KernelHooks {
  return build(HOOK_TABLE) as KernelHooks;
}

function build(node: object): object {
  const result: Record<string, object> = {};
  for (const [key, value] of Object.entries(node)) result[key] = isDeclaration(value) ? createHook(value) : build(value as object);
  return Object.freeze(result);
}
