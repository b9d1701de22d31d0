import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePaths } from '../paths.js';

/** The discovery cache file: $XDG_CACHE_HOME/mcpctl/discovery.json. */
export function discoveryCacheFile(env: NodeJS.ProcessEnv): string {
  return join(resolvePaths(env).cache, 'discovery.json');
}

/**
 * The command paths that plugin manifests mark `remotable`, as the
 * discovery cache last recorded them — for a fast path that runs before the
 * kernel boots (the daemon's thin client). Reads one JSON file and imports
 * Node built-ins only. Undefined when there is no readable cache: nothing is
 * known to be remotable then, and the CLI boots as usual (which writes the
 * cache). Only a pre-filter: whoever runs the command routes it again with
 * the catalog and checks its manifest entry.
 */
export function cachedRemotableCommands(env: NodeJS.ProcessEnv): string[][] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(discoveryCacheFile(env), 'utf8'));
  } catch {
    return undefined;
  }
  const entries = (parsed as { entries?: unknown } | null)?.entries;
  if (typeof entries !== 'object' || entries === null) return undefined;
  const paths: string[][] = [];
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
