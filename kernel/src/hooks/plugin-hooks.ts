import type { DeclaredHook } from '../plugins/catalog.js';
import { createHook } from './create-hooks.js';
import type { DeclaredHookSource } from './facade.js';
import { DEFAULT_HOOK_TIMEOUT_MS, policyOf, withTimeoutOverride } from './hook-policies.js';
import { interceptOne, type InterceptorDeps } from './interceptor.js';

/**
 * The hooks plugins declare in their manifests (`provides.hooks`), created
 * on first request from the declaration and wrapped by the same interceptor
 * as the kernel's hooks, so their taps are tagged, timed, bounded and
 * skipped when their plugin is disabled.
 */
export class PluginHookRegistry implements DeclaredHookSource {
  readonly #hooks = new Map<string, object>();

  constructor(
    private readonly lookup: (name: string) => DeclaredHook | undefined,
    private readonly deps: InterceptorDeps,
  ) {}

  get(name: string): object | undefined {
    const existing = this.#hooks.get(name);
    if (existing) return existing;
    const declared = this.lookup(name);
    if (!declared) return undefined;
    const declaration = { kind: declared.kind, args: declared.args, keyed: declared.keyed ?? false, timeoutMs: declared.timeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS, doc: declared.summary ?? '' };
    const hook = createHook(declaration);
    interceptOne(hook, name, withTimeoutOverride(policyOf(declaration), this.deps.env), this.deps);
    this.#hooks.set(name, hook);
    return hook;
  }

  owner(name: string): string | undefined {
    return this.lookup(name)?.plugin;
  }
}
