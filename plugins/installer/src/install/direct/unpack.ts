import { chmod, mkdir, symlink } from 'node:fs/promises';
import { dirname, join, normalize, relative } from 'node:path';
import * as tar from 'tar';
import type { PackumentVersion } from '../../registry/packument.js';

/**
 * Unpacks a package tarball (already checked against its integrity) into
 * its directory, the way pacote does: the top folder (`package/`) stripped,
 * owners and mtimes not kept, links inside the tarball skipped, nothing
 * written outside the directory (node-tar refuses such paths).
 */
export async function unpackTarball(data: Buffer, directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const unpack = tar.x({
      cwd: directory,
      strip: 1,
      preserveOwner: false,
      noMtime: true,
      filter: (_path, entry) => !('type' in entry && /Link$/.test(String(entry.type))),
    });
    unpack.on('error', reject);
    unpack.on('close', () => resolve());
    unpack.end(data);
  });
}

/** `bin` as npm reads it: a string is one command named after the package (its scope dropped). */
export function binsOf(manifest: PackumentVersion): Array<{ command: string; target: string }> {
  const bin = typeof manifest.bin === 'string' ? { [manifest.name.replace(/^@[^/]+\//, '')]: manifest.bin } : (manifest.bin ?? {});
  return Object.entries(bin).flatMap(([command, target]) => {
    const file = normalize(String(target));
    // A command name is one path segment; a target stays inside its package.
    if (!/^[^/\\]+$/.test(command) || command.startsWith('.') || file.startsWith('..') || file.startsWith('/')) return [];
    return [{ command, target: file }];
  });
}

/**
 * Makes a package's commands executable and links them into the
 * node_modules/.bin beside it, as npm's reify does (the first package to
 * claim a command name keeps it).
 */
export async function linkBins(packageDir: string, manifest: PackumentVersion, claimed: Set<string>): Promise<void> {
  const binDir = join(dirname(manifest.name.startsWith('@') ? dirname(packageDir) : packageDir), '.bin');
  for (const { command, target } of binsOf(manifest)) {
    const file = join(packageDir, target);
    await chmod(file, 0o755).catch(() => {});
    const link = join(binDir, command);
    if (claimed.has(link)) continue;
    claimed.add(link);
    await mkdir(binDir, { recursive: true });
    await symlink(relative(binDir, file), link).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}
