import { statSync } from 'node:fs';

/**
 * File identity for cache keys: `mtime:size`, or "-" when the file is
 * missing. The one stamp format the discovery cache, its remotable companion
 * and the config memo key files by. Node built-ins only: the daemon's thin
 * client reads it before the kernel loads.
 */
export function fileStamp(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return '-';
  }
}

/** fileStamp of a regular file, or undefined when there is none (missing, or not a file). */
export function regularFileStamp(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? `${stat.mtimeMs}:${stat.size}` : undefined;
  } catch {
    return undefined;
  }
}

/** A directory's mtime, or "-" when it is missing: it changes when an entry is added, removed or renamed. */
export function directoryStamp(path: string): string {
  try {
    return String(statSync(path).mtimeMs);
  } catch {
    return '-';
  }
}
