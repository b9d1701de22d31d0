import type { PluginManifest } from '@mcpctl/kernel';

/** What a plugin provides, as lines for the confirmation and the summary after installing. */
export function describeProvides(manifest: PluginManifest): string[] {
  const provides = manifest.provides ?? {};
  const lines: string[] = [];
  for (const command of provides.commands ?? []) lines.push(`command      mcpctl ${command.path.join(' ')} — ${command.summary}`);
  for (const type of provides.serverTypes ?? []) lines.push(`server type  ${type.name}${type.summary ? ` — ${type.summary}` : ''}`);
  for (const transport of provides.transports ?? []) lines.push(`transport    ${transport.name}${transport.summary ? ` — ${transport.summary}` : ''}`);
  for (const method of provides.clientAuth ?? []) lines.push(`client auth  ${method.name}${method.summary ? ` — ${method.summary}` : ''}`);
  for (const method of provides.verifiers ?? []) lines.push(`verifier     ${method.name}${method.summary ? ` — ${method.summary}` : ''}`);
  for (const hook of provides.taps ?? []) lines.push(`taps hook    ${hook}`);
  for (const hook of provides.hooks ?? []) lines.push(`declares     hook ${hook.name}${hook.summary ? ` — ${hook.summary}` : ''}`);
  return lines.length > 0 ? lines : ['nothing declared'];
}

/** The same, as data for --json. */
export function providesJson(manifest: PluginManifest): Record<string, string[]> {
  const provides = manifest.provides ?? {};
  const names = (list: Array<{ name: string }> | undefined) => (list ?? []).map((item) => item.name);
  return {
    commands: (provides.commands ?? []).map((command) => command.path.join(' ')),
    serverTypes: names(provides.serverTypes),
    transports: names(provides.transports),
    clientAuth: names(provides.clientAuth),
    verifiers: names(provides.verifiers),
    taps: provides.taps ?? [],
    hooks: names(provides.hooks),
  };
}
