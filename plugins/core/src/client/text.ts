/** Small text helpers for terminal output. */

/** The first line of a (possibly multi-line) message, as is. */
export function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** The first line of a description, trimmed to `max` characters. */
export function oneLine(text: unknown, max = 80): string {
  if (typeof text !== 'string') return '';
  const line = text.trim().split(/\r?\n/)[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Bytes of a base64 payload without decoding it. */
export function base64Size(data: string): number {
  const clean = data.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

/** A duration rounded to hundredths of a millisecond, for JSON output. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
