import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * File-descriptor primitives behind the sandbox. On Linux, `/proc/self/fd/N`
 * names the very directory an fd holds (not a path that could be re-walked),
 * so opening `/proc/self/fd/N/name` is `openat(N, name)`: a name looked up in
 * a directory we already verified, immune to a parent being swapped for a
 * symlink. The same magic link tells where an opened fd really is.
 */

export const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_DIRECTORY, O_NONBLOCK } = constants;

/** Whether `/proc/self/fd` works here (Linux). Elsewhere the sandbox falls back to dev/ino checks. */
export const procFd: boolean = process.platform === 'linux' && existsSync('/proc/self/fd');

/**
 * Linux's O_PATH (not in `fs.constants`): an fd that names a file without
 * opening it, so no device driver's open runs, whatever the path leads to.
 * The value is the generic one, right on the architectures listed (alpha,
 * parisc and sparc differ); elsewhere the sandbox keeps the realpath route.
 */
const GENERIC_O_PATH_ARCHES = new Set(['x64', 'ia32', 'arm', 'arm64', 'ppc64', 's390x', 'riscv64', 'loong64']);
export const O_PATH: number | undefined = procFd && GENERIC_O_PATH_ARCHES.has(process.arch) ? 0o10000000 : undefined;

/** The real path of an open fd, or undefined when the platform cannot tell. */
export function fdRealPath(fd: number): string | undefined {
  if (!procFd) return undefined;
  return readlinkSync(`/proc/self/fd/${fd}`);
}

/** Reopen what an fd (an O_PATH one, say) names, by the fd itself: no path is walked again. */
export function reopen(fd: number, flags: number): number {
  return openSync(`/proc/self/fd/${fd}`, flags);
}

/** A path that reaches `name` inside the directory open as `dirFd` (at `dirPath`). */
export function atPath(dirFd: number, dirPath: string, name: string): string {
  return procFd ? `/proc/self/fd/${dirFd}/${name}` : join(dirPath, name);
}

/** The path that lists or reads what `fd` holds. */
export function fdPath(fd: number, path: string): string {
  return procFd ? `/proc/self/fd/${fd}` : path;
}

/** Open `name` inside an open directory without following a symlink at `name`. Throws like open(2). */
export function openAt(dirFd: number, dirPath: string, name: string, flags: number, mode?: number): number {
  const fd = openSync(atPath(dirFd, dirPath, name), flags | O_NOFOLLOW, mode);
  if (!procFd) {
    // Without openat we cannot stop a parent swap; at least make sure we got what the path names now.
    const opened = fstatSync(fd);
    const named = lstatSync(join(dirPath, name));
    if (opened.dev !== named.dev || opened.ino !== named.ino) {
      closeSync(fd);
      throw Object.assign(new Error(`${join(dirPath, name)} changed while it was opened`), { code: 'ESTALE' });
    }
  }
  return fd;
}

export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* already closed */
  }
}
