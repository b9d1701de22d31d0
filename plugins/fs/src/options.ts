import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, resolve } from 'node:path';
import type { ServerEntry } from '@mcpctl/kernel';
import { isAccessTier, parseAccess, type AccessTier } from '@mcpctl/toolkit';
import { FS_OPTION_INVALID, FS_ROOT_INVALID } from './errors.js';
import { DenyList } from './sandbox/deny.js';

const DEFAULT_MAX_READ_BYTES = 1024 * 1024;

/** A configured root, resolved: an existing directory's real path and its tier. */
export interface FsRoot {
  /** Real (symlink-free) absolute path. */
  path: string;
  /** Short name for list_roots (the directory's name unless configured). */
  name: string;
  access: AccessTier;
}

export interface FsOptions {
  roots: FsRoot[];
  /** The entry's tier (the default for roots without their own). */
  access: AccessTier;
  deny: DenyList;
  maxReadBytes: number;
  followSymlinks: boolean;
  respectGitignore: boolean;
  /** How the client's MCP roots apply: `intersect` (they narrow the configured roots) or `ignore`. */
  clientRoots: ClientRootsPolicy;
}

export type ClientRootsPolicy = 'intersect' | 'ignore';

type RootSetting = string | { path: string; access?: string; name?: string };

/** Read an fs entry's options (already schema-checked by the kernel, but re-checked: plugins may be handed anything). */
export async function parseFsOptions(serverName: string, entry: ServerEntry, baseDir: string): Promise<FsOptions> {
  const fail = (message: string) => FS_OPTION_INVALID(serverName, message);
  let access: AccessTier;
  try {
    access = parseAccess(entry.access);
  } catch (error) {
    throw fail((error as Error).message);
  }
  const rawRoots = entry.roots;
  if (!Array.isArray(rawRoots) || rawRoots.length === 0) throw fail('`roots` must list at least one directory');
  const deny = entry.deny ?? [];
  if (!Array.isArray(deny) || deny.some((pattern) => typeof pattern !== 'string')) throw fail('`deny` must be a list of glob patterns');
  const maxReadBytes = entry.maxReadBytes ?? DEFAULT_MAX_READ_BYTES;
  if (typeof maxReadBytes !== 'number' || !Number.isSafeInteger(maxReadBytes) || maxReadBytes < 1) throw fail('`maxReadBytes` must be a positive integer');
  const followSymlinks = entry.followSymlinks ?? false;
  const respectGitignore = entry.respectGitignore ?? true;
  if (typeof followSymlinks !== 'boolean') throw fail('`followSymlinks` must be true or false');
  if (typeof respectGitignore !== 'boolean') throw fail('`respectGitignore` must be true or false');
  const clientRoots = entry.clientRoots ?? 'intersect';
  if (clientRoots !== 'intersect' && clientRoots !== 'ignore') throw fail('`clientRoots` must be intersect or ignore');

  const roots: FsRoot[] = [];
  for (const setting of rawRoots as RootSetting[]) {
    const configured = typeof setting === 'string' ? setting : setting?.path;
    if (typeof configured !== 'string' || configured === '') throw fail('each root must be a path or { path, access }');
    const rootAccess = typeof setting === 'object' && setting.access !== undefined ? setting.access : access;
    if (!isAccessTier(rootAccess)) throw fail(`root ${configured}: access must be read, write or destructive`);
    const absolute = resolve(baseDir, expandHome(configured));
    let real: string;
    try {
      real = await realpath(absolute);
      if (!(await stat(real)).isDirectory()) throw FS_ROOT_INVALID(serverName, configured, 'is not a directory');
    } catch (error) {
      if (FS_ROOT_INVALID.is(error)) throw error;
      throw FS_ROOT_INVALID(serverName, configured, `cannot be used (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    if (roots.some((root) => root.path === real)) continue;
    const name = typeof setting === 'object' && setting.name ? setting.name : basename(real) || real;
    roots.push({ path: real, name, access: rootAccess });
  }
  let denyList: DenyList;
  try {
    denyList = new DenyList(deny as string[]);
  } catch (error) {
    throw fail(`deny: ${(error as Error).message}`);
  }
  return { roots, access, deny: denyList, maxReadBytes, followSymlinks, respectGitignore, clientRoots };
}

/** `~/x` in the config (written by the user who runs mcpctl) means their home; tool arguments never expand `~`. */
function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return resolve(homedir(), path.slice(2));
  return path;
}
