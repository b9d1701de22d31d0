import { closeSync, copyFileSync, constants, mkdirSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ToolError } from '@mcpctl/toolkit';
import { FsErrorCode } from './errors.js';
import { atPath, fdPath, O_DIRECTORY, O_RDONLY, openAt } from './sandbox/fd.js';
import type { Resolved, Sandbox } from './sandbox/sandbox.js';
import { walk } from './walk.js';

/** Whole-tree operations (recursive delete, directory copy), done by descriptor inside verified directories. */

/** Count a directory's entries, refusing when any is denied: a tree operation must not touch what a path could not. */
export async function scanTree(sandbox: Sandbox, dir: Resolved, signal: AbortSignal, what: string): Promise<number> {
  let count = 0;
  let denied: string | undefined;
  await walk({
    sandbox,
    start: dir,
    respectGitignore: false,
    signal,
    onDenied: (relative) => {
      denied ??= relative;
    },
    visit: () => {
      count++;
      return denied === undefined ? undefined : 'stop';
    },
  });
  if (denied !== undefined) {
    throw new ToolError(FsErrorCode.DENIED, `${what} ${dir.shown}: it contains a denied path (${denied})`, {
      hint: 'Denied paths (secrets, .git/, the entry\'s deny globs) are never touched; act on the other entries one by one.',
    });
  }
  return count;
}

/** Remove `name` (a directory) inside the open directory `parentFd`, depth first. Returns entries removed. */
export function removeTree(parentFd: number, parentPath: string, name: string): number {
  const fd = openAt(parentFd, parentPath, name, O_RDONLY | O_DIRECTORY);
  const path = join(parentPath, name);
  let removed = 0;
  try {
    for (const entry of readdirSync(fdPath(fd, path), { withFileTypes: true })) {
      if (entry.isDirectory()) removed += removeTree(fd, path, entry.name);
      else {
        unlinkSync(atPath(fd, path, entry.name));
        removed++;
      }
    }
  } finally {
    closeSync(fd);
  }
  rmdirSync(atPath(parentFd, parentPath, name));
  return removed + 1;
}

/**
 * Copy the directory open as `srcFd` into a new directory `name` inside
 * `dstParentFd`. Files are copied with COPYFILE_EXCL (never over anything),
 * symlinks and special files are skipped, denied entries are left out.
 */
export function copyTree(sandbox: Sandbox, src: { fd: number; path: string; relative: string }, dst: { parentFd: number; parentPath: string; name: string }): { copied: number; skipped: number } {
  mkdirSync(atPath(dst.parentFd, dst.parentPath, dst.name));
  const dstFd = openAt(dst.parentFd, dst.parentPath, dst.name, O_RDONLY | O_DIRECTORY);
  const dstPath = join(dst.parentPath, dst.name);
  let copied = 0;
  let skipped = 0;
  try {
    for (const entry of readdirSync(fdPath(src.fd, src.path), { withFileTypes: true })) {
      const relative = src.relative === '' ? entry.name : `${src.relative}/${entry.name}`;
      if (sandbox.options.deny.deniesEntry(relative, entry.isDirectory() ? 'dir' : 'file')) {
        skipped++;
        continue;
      }
      if (entry.isDirectory()) {
        const childFd = openAt(src.fd, src.path, entry.name, O_RDONLY | O_DIRECTORY);
        try {
          const result = copyTree(sandbox, { fd: childFd, path: join(src.path, entry.name), relative }, { parentFd: dstFd, parentPath: dstPath, name: entry.name });
          copied += result.copied;
          skipped += result.skipped;
        } finally {
          closeSync(childFd);
        }
      } else if (entry.isFile()) {
        const fileFd = openAt(src.fd, src.path, entry.name, O_RDONLY);
        try {
          copyFileSync(fdPath(fileFd, join(src.path, entry.name)), atPath(dstFd, dstPath, entry.name), constants.COPYFILE_EXCL);
        } finally {
          closeSync(fileFd);
        }
        copied++;
      } else skipped++;
    }
  } finally {
    closeSync(dstFd);
  }
  return { copied: copied + 1, skipped };
}
