import type { ClientSession, CommandRunContext } from '@mcpctl/kernel';
import type { TargetOptionSpecs } from '../../commands/client/options.js';
import { withSession } from '../../client/command-session.js';
import { METHOD_NOT_FOUND } from '../../client/errors.js';
import { listAll } from '../../client/paginate.js';

const LISTS = [
  { capability: 'tools', method: 'tools/list', key: 'tools' },
  { capability: 'resources', method: 'resources/list', key: 'resources' },
  { capability: 'resources', method: 'resources/templates/list', key: 'resourceTemplates' },
  { capability: 'prompts', method: 'prompts/list', key: 'prompts' },
] as const;

type Counts = Record<(typeof LISTS)[number]['key'], number | null>;

export async function runInspect(ctx: CommandRunContext<TargetOptionSpecs>): Promise<number> {
  return withSession(ctx, ctx.positionals.target, async (session, target, timeoutMs) => {
    const counts = await countAll(session, { signal: ctx.signal, timeoutMs });
    const report = {
      target: target.label,
      server: session.serverInfo,
      protocolVersion: session.protocolVersion,
      capabilities: session.capabilities,
      ...(session.instructions ? { instructions: session.instructions } : {}),
      counts,
    };
    if (ctx.io.json) {
      ctx.io.printJson(report);
      return 0;
    }
    const info = session.serverInfo;
    const caps = Object.entries(session.capabilities)
      .map(([name, value]) => {
        const flags = value && typeof value === 'object' ? Object.entries(value).filter(([, v]) => v === true).map(([k]) => k) : [];
        return flags.length ? `${name} (${flags.join(', ')})` : name;
      });
    const lines = [
      `Server:       ${info.title ? `${info.title} — ` : ''}${info.name} ${info.version}`,
      `Protocol:     ${session.protocolVersion}`,
      `Capabilities: ${caps.length ? caps.join(', ') : '(none)'}`,
      `Tools:        ${fmt(counts.tools)}`,
      `Resources:    ${fmt(counts.resources)}`,
      `Templates:    ${fmt(counts.resourceTemplates)}`,
      `Prompts:      ${fmt(counts.prompts)}`,
    ];
    if (session.instructions) lines.push('', 'Instructions:', ...session.instructions.trim().split('\n').map((l) => `  ${l}`));
    ctx.io.print(lines.join('\n'));
    return 0;
  });
}

function fmt(count: number | null): string {
  return count === null ? '— (not offered)' : String(count);
}

/** Count each list the server offers (all pages); null for what it does not offer. */
async function countAll(session: ClientSession, options: { signal: AbortSignal; timeoutMs: number }): Promise<Counts> {
  const caps = session.capabilities;
  const entries = await Promise.all(LISTS.map(async ({ capability, method, key }) => {
    if (!(capability in caps)) return [key, null] as const;
    try {
      return [key, (await listAll(session, method, key, options)).length] as const;
    } catch (error) {
      // Offering resources does not oblige a server to implement templates.
      if (METHOD_NOT_FOUND.is(error)) return [key, null] as const;
      throw error;
    }
  }));
  return Object.fromEntries(entries) as Counts;
}
