import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolvePaths } from '../paths.js';
import { fileStamp } from './file-stamp.js';

/** The discovery cache file: $XDG_CACHE_HOME/mcpctl/discovery.json. */
export function discoveryCacheFile(env: NodeJS.ProcessEnv): string {
  return join(resolvePaths(env).cache, 'discovery.json');
}

/** The small companion file the discovery cache writes next to itself: the remotable paths alone. */
export function remotableCacheFile(discoveryFile: string): string {
  return join(dirname(discoveryFile), 'remotable.json');
}


/** The companion file's content: the paths, and the stamp of the discovery cache they were read from. */
export function remotableCacheContent(discoveryFile: string, entries: unknown): string {
  return JSON.stringify({ discovery: fileStamp(discoveryFile), commands: remotablePaths(entries) });
}

/**
 * The command paths that plugin manifests mark `remotable`, as the
 * discovery cache last recorded them — for a fast path that runs before the
 * kernel boots (the daemon's thin client). Reads the small companion file
 * when it was written with the current discovery cache (one stat tells),
 * else the cache itself; imports Node built-ins only. Undefined when there
 * is no readable cache: nothing is known to be remotable then, and the CLI
 * boots as usual (which writes the cache). Only a pre-filter: whoever runs
 * the command routes it again with the catalog and checks its manifest entry.
 */
export function cachedRemotableCommands(env: NodeJS.ProcessEnv): string[][] | undefined {
  const discoveryFile = discoveryCacheFile(env);
  try {
    const companion = JSON.parse(readFileSync(remotableCacheFile(discoveryFile), 'utf8')) as { discovery?: unknown; commands?: unknown };
    if (companion.discovery !== '-' && companion.discovery === fileStamp(discoveryFile) && isPathList(companion.commands)) return companion.commands;
  } catch {
    /* missing or unreadable: read the cache itself */
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(discoveryFile, 'utf8'));
  } catch {
    return undefined;
  }
  const entries = (parsed as { entries?: unknown } | null)?.entries;
  if (typeof entries !== 'object' || entries === null) return undefined;
  return remotablePaths(entries);
}

function isPathList(value: unknown): value is string[][] {
  return Array.isArray(value) && value.every((path) => Array.isArray(path) && path.every((word) => typeof word === 'string'));
}

/** The `remotable` command paths of the discovery cache's entries (failed plugins left out). */
function remotablePaths(entries: unknown): string[][] {
  const paths: string[][] = [];
  if (typeof entries !== 'object' || entries === null) return paths;
  for (const entry of Object.values(entries as Record<string, unknown>)) {
    const record = (entry as { inspected?: { record?: { state?: unknown; manifest?: { provides?: { commands?: unknown } } } } } | null)?.inspected?.record;
    if (!record || record.state === 'failed') continue;
    const list = record.manifest?.provides?.commands;
    if (!Array.isArray(list)) continue;
    for (const command of list as Array<{ path?: unknown; remotable?: unknown }>) {
      if (command?.remotable === true && Array.isArray(command.path) && command.path.every((word) => typeof word === 'string')) paths.push(command.path as string[]);
    }
  }
  return paths;
}
