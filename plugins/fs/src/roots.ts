import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientRoot } from '@mcpctl/toolkit';
import type { FsRoot } from './options.js';
import { isInside } from './sandbox/paths.js';

/**
 * The effective roots: the configured roots intersected with the client's
 * MCP roots. A client root inside a configured root narrows it (keeping the
 * configured root's tier); a configured root inside a client root stays as
 * is; anything else is dropped. A client can narrow access, never widen it.
 * Without client roots — no roots capability, or an empty list, which
 * expresses no boundary (the MCP Inspector answers `roots/list` with one) —
 * the configured roots apply.
 */
export function intersectRoots(configured: readonly FsRoot[], client: readonly ClientRoot[] | undefined): FsRoot[] {
  if (client === undefined || client.length === 0) return [...configured];
  const result: FsRoot[] = [];
  const add = (root: FsRoot) => {
    if (!result.some((r) => r.path === root.path)) result.push(root);
  };
  const clientPaths: Array<{ path: string; name?: string }> = [];
  for (const root of client) {
    let path: string;
    try {
      if (!root.uri.startsWith('file:')) continue;
      // Resolve links so a client root cannot reach around a configured one.
      path = realpathSync.native(fileURLToPath(root.uri));
    } catch {
      continue; // not a local path, or does not exist: it grants nothing
    }
    clientPaths.push({ path, ...(root.name ? { name: root.name } : {}) });
  }
  for (const root of configured) {
    for (const offered of clientPaths) {
      if (isInside(offered.path, root.path)) add({ path: offered.path, name: offered.name ?? (basename(offered.path) || offered.path), access: root.access });
      else if (isInside(root.path, offered.path)) add(root);
    }
  }
  return result;
}
