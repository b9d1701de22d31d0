import * as errors from '../errors.js';
import type { JsonSchema } from '../interfaces/json-schema.js';
import type { PluginProblem, PluginRecord } from '../interfaces/plugin-record.js';
import { listCandidates, SOURCE_PRECEDENCE, type CandidateSources } from './candidates.js';
import type { DiscoveryCache } from './discovery-cache.js';
import type { InspectedPlugin } from './inspect-package.js';

export interface DiscoveryResult {
  /** Every plugin found, highest precedence first; duplicates are marked `shadowed`. */
  records: PluginRecord[];
  /** Config schema files by plugin name. */
  schemas: Map<string, JsonSchema>;
  problems: PluginProblem[];
}

/**
 * Finds every plugin from every source without running plugin code, using
 * the cache for packages that have not changed. Duplicate names resolve to
 * the higher-precedence source (MCPCTL_PLUGINS > config > user folder >
 * built-in; within one source, the earlier entry) with a warning.
 */
export async function discoverPlugins(sources: CandidateSources, apiVersion: string, cache: DiscoveryCache | undefined): Promise<DiscoveryResult> {
  const problems: PluginProblem[] = [];
  const found: Array<{ inspected: InspectedPlugin; rank: number }> = [];
  const seen = new Set<string>();
  // Loaded on the first cache miss only: with a warm cache no package is inspected.
  let inspectPackage: typeof import('./inspect-package.js').inspectPackage | undefined;
  for (const [index, candidate] of listCandidates(sources, cache).entries()) {
    if (!candidate.dir) {
      const error = errors.PLUGIN_NOT_FOUND(candidate.request, candidate.resolveError ?? 'not found');
      problems.push({ code: error.code, plugin: candidate.request, source: candidate.source, path: candidate.request, message: error.message, hint: error.hint ?? '', severity: 'error' });
      continue;
    }
    if (seen.has(candidate.dir)) continue;
    seen.add(candidate.dir);
    let inspected = cache?.lookup(candidate.dir, candidate);
    if (!inspected || inspected.record?.source !== candidate.source) {
      inspectPackage ??= (await import('./inspect-package.js')).inspectPackage;
      inspected = inspectPackage(candidate.dir, candidate.source, apiVersion);
      cache?.store(candidate.dir, inspected, candidate);
    }
    // Packages in the user folder without a manifest are plugins' dependencies.
    if (inspected.notAPlugin && candidate.source === 'user') continue;
    problems.push(...inspected.problems);
    // Rank: higher source first, then earlier position within the source.
    const rank = SOURCE_PRECEDENCE.indexOf(candidate.source) * 1e6 - index;
    if (inspected.record) found.push({ inspected, rank });
  }

  found.sort((a, b) => b.rank - a.rank);
  const records: PluginRecord[] = [];
  const schemas = new Map<string, JsonSchema>();
  const winners = new Map<string, PluginRecord>();
  for (const { inspected } of found) {
    const record = { ...inspected.record! };
    const winner = winners.get(record.name);
    if (winner) {
      record.state = 'shadowed';
      const error = errors.PLUGIN_DUPLICATE(record.name, `${winner.source} (${winner.dir})`, `${record.source} (${record.dir})`);
      problems.push({ code: error.code, plugin: record.name, source: record.source, path: record.dir, message: error.message, hint: error.hint ?? '', severity: 'warning' });
    } else {
      winners.set(record.name, record);
      if (inspected.schema !== undefined) schemas.set(record.name, inspected.schema);
    }
    records.push(record);
  }
  return { records, schemas, problems };
}
