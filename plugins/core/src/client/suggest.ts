import { editDistance } from '@mcpctl/kernel';

/** "; did you mean echo?" — the closest known names (edit distance ≤ 3, or a substring match). */
export function didYouMean(name: string, known: readonly string[]): string {
  const scored = known
    .map((k) => ({ k, d: k.includes(name) || name.includes(k) ? 1 : editDistance(name.toLowerCase(), k.toLowerCase()) }))
    .filter((x) => x.d <= 3)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.k);
  return scored.length > 0 ? `; did you mean ${scored.join(', ')}?` : known.length > 0 ? `; it has: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}` : '; it has none';
}

