/** Tells tapable hooks and HookMaps apart while walking the hooks object. */
export function isHook(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'taps' in value && typeof (value as { tap?: unknown }).tap === 'function';
}

/** A HookMap has `for(key)` and `intercept`, and no taps of its own. */
export function isHookMap(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !('taps' in value)
    && typeof (value as { for?: unknown }).for === 'function' && typeof (value as { intercept?: unknown }).intercept === 'function';
}
