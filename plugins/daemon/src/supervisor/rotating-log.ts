import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RotatingLogOptions {
  /** Size of the current file that triggers a rotation. */
  maxBytes: number;
  /** Rotated files kept (`<path>.1` newest … `<path>.<files>` oldest); total ≤ maxBytes × (files + 1). */
  files: number;
}

export const DEFAULT_LOG_OPTIONS: RotatingLogOptions = Object.freeze({ maxBytes: 1024 * 1024, files: 3 });

/**
 * An append-only log file rotated by size: when a write would take the file
 * past `maxBytes` it becomes `<path>.1` (older ones shift up, the oldest is
 * deleted). Keeps the last lines in memory for failure reports. Writes are
 * synchronous: stderr of a server is low volume and this keeps order simple.
 */
export class RotatingLog {
  private fd: number | undefined;
  private size = 0;
  private readonly recent: string[] = [];
  private partial = '';

  constructor(
    readonly path: string,
    private readonly options: RotatingLogOptions = DEFAULT_LOG_OPTIONS,
    private readonly keepLines = 50,
  ) {}

  write(chunk: Buffer | string): void {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.remember(data.toString('utf8'));
    if (this.fd === undefined) this.open();
    if (this.size > 0 && this.size + data.length > this.options.maxBytes) this.rotate();
    // A single chunk bigger than the limit is cut to its tail, so the bound holds.
    const slice = data.length > this.options.maxBytes ? data.subarray(data.length - this.options.maxBytes) : data;
    writeSync(this.fd!, slice);
    this.size += slice.length;
  }

  /**
   * A line of the supervisor's own (e.g. "[mcpctl …] ready (pid 123)"), so the log tells the whole
   * story. Never throws: a log that cannot be written must not take supervision down with it.
   */
  note(message: string): void {
    try {
      this.write(`[mcpctl ${new Date().toISOString()}] ${message}\n`);
    } catch {
      /* the next stderr write reports the problem */
    }
  }

  /** The last lines written since this object was created (no disk read). */
  lastLines(count = 20): string[] {
    const lines = this.partial ? [...this.recent, this.partial] : this.recent;
    return lines.slice(-count);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    this.fd = openSync(this.path, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    rmSync(`${this.path}.${this.options.files}`, { force: true });
    for (let index = this.options.files - 1; index >= 1; index--) {
      if (existsSync(`${this.path}.${index}`)) renameSync(`${this.path}.${index}`, `${this.path}.${index + 1}`);
    }
    renameSync(this.path, `${this.path}.1`);
    this.open();
  }

  private remember(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.recent.push(line);
    if (this.recent.length > this.keepLines) this.recent.splice(0, this.recent.length - this.keepLines);
  }
}

/** The last `count` lines of a rotated log (reads the current file, then older ones as needed). */
export function tailLog(path: string, count: number, files: number = DEFAULT_LOG_OPTIONS.files): string[] {
  const collected: string[] = [];
  for (let index = 0; index <= files && collected.length < count; index++) {
    const file = index === 0 ? path : `${path}.${index}`;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      if (index === 0) continue;
      break;
    }
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    collected.unshift(...lines.slice(-(count - collected.length)));
  }
  return collected;
}
