import type { Writable } from 'node:stream';

/**
 * A one-line progress bar on a terminal (stderr), redrawn in place:
 * `[██████░░░░░░] 50% 5/10 message`. Without a total it shows the count.
 */
export class ProgressBar {
  private drawn = false;
  private last = 0;

  constructor(private readonly stream: Writable & { columns?: number }, private readonly width = 24) {}

  update(progress: { progress: number; total?: number; message?: string }): void {
    const now = Date.now();
    const done = progress.total !== undefined && progress.progress >= progress.total;
    if (!done && now - this.last < 50) return;
    this.last = now;
    this.stream.write(`\r\x1b[2K${this.line(progress)}`);
    this.drawn = true;
  }

  /** Erase the bar so results print on a clean line. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  line({ progress, total, message }: { progress: number; total?: number; message?: string }): string {
    let text: string;
    if (total !== undefined && total > 0) {
      const ratio = Math.min(1, Math.max(0, progress / total));
      const filled = Math.round(ratio * this.width);
      text = `[${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${progress}/${total}`;
    } else {
      text = `[${progress}]`;
    }
    if (message) text += ` ${message}`;
    // A pty with no size reports 0 columns.
    const columns = this.stream.columns || 80;
    return text.length > columns - 1 ? text.slice(0, columns - 2) + '…' : text;
  }
}
