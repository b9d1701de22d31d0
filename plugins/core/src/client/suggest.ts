/** "; did you mean echo?" — the closest known names (edit distance ≤ 3, or a substring match). */
export function didYouMean(name: string, known: readonly string[]): string {
  const scored = known
    .map((k) => ({ k, d: k.includes(name) || name.includes(k) ? 1 : distance(name.toLowerCase(), k.toLowerCase()) }))
    .filter((x) => x.d <= 3)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.k);
  return scored.length > 0 ? `; did you mean ${scored.join(', ')}?` : known.length > 0 ? `; it has: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}` : '; it has none';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
