import type { Writable } from 'node:stream';

/** What an install reports while it works; shown on a terminal only. */
export interface Progress {
  /** A phase: "resolving", "checking integrity", "setup check", … */
  phase(text: string): void;
  /** One package fetched out of `total`. */
  fetched(label: string, done: number, total: number): void;
  done(): void;
}

/** Rewrites one status line on a terminal's stderr; silent elsewhere (scripts, --json). */
export function terminalProgress(stream: Writable & { isTTY?: boolean }, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return { phase() {}, fetched() {}, done() {} };
  let shown = false;
  const show = (text: string) => {
    stream.write(`\r\x1b[2K${text.slice(0, ((stream as { columns?: number }).columns ?? 80) - 1)}`);
    shown = true;
  };
  return {
    phase: (text) => show(`… ${text}`),
    fetched: (label, done, total) => {
      const width = 20;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      show(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`);
    },
    done: () => {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
