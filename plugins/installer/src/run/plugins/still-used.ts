import type { KernelServices, PluginRecord } from '@mcpctl/kernel';

/**
 * Where the loaded config still uses what plugins provide — server entries of
 * their server types or transports, their client auth methods, their verifiers
 * (a `{ method }` block anywhere below an entry), their `pluginConfig` section —
 * so that removing them says which lines will stop validating. Nothing when
 * the config does not load now.
 */
export async function configUsesOf(kernel: KernelServices, records: PluginRecord[]): Promise<string[]> {
  let config: { servers?: Record<string, Record<string, unknown>>; pluginConfig?: Record<string, unknown> };
  try {
    config = (await kernel.loadConfig()).config as typeof config;
  } catch {
    return [];
  }
  const uses: string[] = [];
  for (const record of records) {
    const provides = record.manifest.provides ?? {};
    const types = new Set([...(provides.serverTypes ?? []), ...(provides.transports ?? [])].map((item) => item.name));
    const clientMethods = new Set((provides.clientAuth ?? []).map((item) => item.name));
    const verifiers = new Set((provides.verifiers ?? []).map((item) => item.name));
    for (const [server, entry] of Object.entries(config.servers ?? {})) {
      if (types.has(String(entry.type))) uses.push(`servers.${server} has type ${String(entry.type)} (from ${record.name})`);
      const auth = entry.auth as { method?: unknown } | undefined;
      if (auth && clientMethods.has(String(auth.method))) uses.push(`servers.${server}.auth uses method ${String(auth.method)} (from ${record.name})`);
      for (const [path, method] of methodBlocks(entry, `servers.${server}`)) {
        if (path !== `servers.${server}.auth` && verifiers.has(method)) uses.push(`${path} uses verifier ${method} (from ${record.name})`);
      }
    }
    if (config.pluginConfig?.[record.name] !== undefined) uses.push(`pluginConfig["${record.name}"] holds its settings`);
  }
  return uses;
}

/** Every `{ method: "<name>" }` object below a value, with its dotted path. */
function methodBlocks(value: unknown, path: string): Array<[string, string]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const found: Array<[string, string]> = [];
  const method = (value as Record<string, unknown>).method;
  if (typeof method === 'string') found.push([path, method]);
  for (const [key, child] of Object.entries(value)) found.push(...methodBlocks(child, `${path}.${key}`));
  return found;
}
