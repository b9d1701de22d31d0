import type { CommandIO, KernelServices } from '@mcpctl/kernel';
import npmFetch from 'npm-registry-fetch';
import * as errors from '../../errors.js';
import { describeProvides, providesJson } from '../../install/describe.js';
import { describeFetchError, fetchPackument } from '../../registry/packument.js';
import { openSession, type SessionOptions } from '../../session.js';

/** The keyword every published mcpctl plugin carries (docs/writing-plugins.md, "Publish your plugin"). */
export const PLUGIN_KEYWORD = 'mcpctl-plugin';

interface SearchHit {
  /** npm's registry gives `version`; verdaccio gives only `dist-tags`. */
  package: { name: string; version?: string; 'dist-tags'?: Record<string, string>; description?: string; keywords?: string[] };
}

export async function runSearch(input: { io: CommandIO; kernel: KernelServices; options: SessionOptions & { limit?: number }; words: string[] }): Promise<number> {
  const session = openSession(input.kernel, input.io, input.options, {});
  const limit = input.options.limit ?? 20;
  const words = input.words.join(' ');
  const search = async (text: string) => {
    try {
      const body = (await npmFetch.json(`/-/v1/search?text=${encodeURIComponent(text)}&size=${Math.min(250, limit * 3)}`, session.npm)) as { objects?: SearchHit[] };
      return body.objects ?? [];
    } catch (error) {
      throw errors.SEARCH_FAILED(session.settings.registry, describeFetchError(error), { cause: error });
    }
  };
  // npm's registry understands the `keywords:` qualifier; registries that do not (verdaccio) get
  // plain words, and the keyword is checked here either way.
  let hits = await search(`keywords:${PLUGIN_KEYWORD}${words ? ` ${words}` : ''}`);
  if (hits.length === 0) hits = await search(words || PLUGIN_KEYWORD);
  const plugins = hits.filter((hit) => hit.package.keywords?.includes(PLUGIN_KEYWORD)).slice(0, limit);
  const results = await Promise.all(plugins.map(async ({ package: pkg }) => {
    const document = await fetchPackument(pkg.name, session.registry).catch(() => undefined);
    const version = pkg.version ?? pkg['dist-tags']?.latest ?? document?.['dist-tags'].latest ?? '';
    const manifest = document?.versions[version]?.mcpctl as { apiVersion: string; entry: string } | undefined;
    return { name: pkg.name, version, description: pkg.description ?? '', ...(manifest ? { apiVersion: manifest.apiVersion, provides: providesJson(manifest) } : {}), manifest };
  }));
  if (input.io.json) {
    input.io.printJson({ results: results.map(({ manifest: _manifest, ...rest }) => rest) });
    return 0;
  }
  if (results.length === 0) {
    input.io.print(`No plugins found${words ? ` for "${words}"` : ''} on ${session.settings.registry}.`);
    return 0;
  }
  for (const result of results) {
    input.io.print(`${result.name}@${result.version}${result.description ? ` — ${result.description}` : ''}`);
    if (result.manifest) for (const line of describeProvides(result.manifest)) input.io.print(`    ${line}`);
  }
  return 0;
}
