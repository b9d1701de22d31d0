import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fsError } from './errors.js';
import { atPath, closeQuietly, O_CREAT, O_EXCL, O_WRONLY, openAt } from './sandbox/fd.js';
import type { Resolved, Sandbox } from './sandbox/sandbox.js';

/**
 * Replace or create a file atomically inside the sandbox: write a temp file
 * in the target's (verified, fd-held) directory, fsync, then rename it over
 * the target — or, for createOnly, link it in place, which fails if anything
 * (even a symlink) already has the name. Neither follows a symlink at the
 * target, so a write never lands outside a root.
 */
export function writeAtomic(sandbox: Sandbox, target: Resolved, data: Uint8Array, options: { createOnly: boolean; createParents: boolean; mode?: number }): void {
  const dirFd = sandbox.openParentForCreate(target, options.createParents);
  const dir = dirname(target.path);
  const name = basename(target.path);
  const temp = tempNameFor(name);
  let tempCreated = false;
  try {
    const fd = openAt(dirFd, dir, temp, O_WRONLY | O_CREAT | O_EXCL, options.mode ?? 0o644);
    tempCreated = true;
    try {
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written, data.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    moveIntoPlace(dirFd, dir, temp, name, !options.createOnly);
    tempCreated = false;
    try {
      fsyncSync(dirFd);
    } catch {
      /* directory fsync unsupported: the rename is still atomic */
    }
  } catch (error) {
    if (tempCreated) {
      try {
        unlinkSync(atPath(dirFd, dir, temp));
      } catch {
        /* already gone */
      }
    }
    throw fsError(error, target.shown);
  } finally {
    closeQuietly(dirFd);
  }
}

/** A fresh temp name for a file that will become `name` in the same directory. */
export function tempNameFor(name: string): string {
  return `.${name}.mcpctl-${randomBytes(6).toString('hex')}.tmp`;
}

/**
 * Give the temp file `temp` its final `name`, inside the open directory
 * `dirFd` (at `dir`): rename over whatever is there when `replace`, else
 * link + unlink, which fails (EEXIST) if anything, even a symlink, appeared
 * at the name meanwhile: never replace without being asked to.
 */
export function moveIntoPlace(dirFd: number, dir: string, temp: string, name: string, replace: boolean): void {
  if (replace) renameSync(atPath(dirFd, dir, temp), atPath(dirFd, dir, name));
  else {
    linkSync(atPath(dirFd, dir, temp), atPath(dirFd, dir, name));
    unlinkSync(atPath(dirFd, dir, temp));
  }
}
