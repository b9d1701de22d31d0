/**
 * Code-unit order for names and locations: deterministic like npm's sort,
 * without localeCompare (its first call builds an ICU collator, ≈10 ms).
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
