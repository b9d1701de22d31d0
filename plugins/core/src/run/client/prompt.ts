import type { CommandRunContext } from '@mcpctl/kernel';
import { errors } from '@mcpctl/kernel';
import type { promptOptions } from '../../commands/client/options.js';
import { shiftForCmd, withSession } from '../../client/command-session.js';
import { BAD_ARGUMENT, UNKNOWN_PROMPT } from '../../client/errors.js';
import { isPlainObject } from '../../client/json-schema-check.js';
import { listAll } from '../../client/paginate.js';
import { renderContent } from '../../client/render-content.js';
import { didYouMean } from '../../client/suggest.js';

type Ctx = CommandRunContext<typeof promptOptions>;
type Prompt = { name: string; arguments?: Array<{ name: string; required?: boolean; description?: string }> };

export async function runPrompt(ctx: Ctx): Promise<number> {
  const { target, second: name, rest } = shiftForCmd(ctx, ctx.positionals.name);
  if (!name) throw errors.USAGE_ERROR('Missing <name>: mcpctl prompt <target> <name> [key=value ...]');
  const args: Record<string, string> = {};
  for (const pair of rest) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw BAD_ARGUMENT(`"${pair}" is not key=value`);
    args[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return withSession(ctx, target, async (session, resolved, timeoutMs) => {
    const prompts = await listAll<Prompt>(session, 'prompts/list', 'prompts', { signal: ctx.signal, timeoutMs });
    const prompt = prompts.find((p) => p.name === name);
    if (!prompt) throw UNKNOWN_PROMPT(resolved.label, name, didYouMean(name, prompts.map((p) => p.name)));
    const declared = prompt.arguments ?? [];
    const problems: string[] = [];
    for (const a of declared) if (a.required && !(a.name in args)) problems.push(`  ${a.name}: is required${a.description ? ` (${a.description})` : ''}`);
    for (const key of Object.keys(args)) if (!declared.some((a) => a.name === key)) problems.push(`  ${key}: is not an argument of this prompt${declared.length ? ` (it takes: ${declared.map((a) => a.name).join(', ')})` : ''}`);
    if (problems.length > 0) throw BAD_ARGUMENT(`Invalid arguments for prompt ${name}:\n${problems.join('\n')}`);

    const result = await session.request<{ description?: string; messages?: unknown[] }>('prompts/get', { name, arguments: args }, { signal: ctx.signal, timeoutMs });
    if (ctx.io.json) {
      ctx.io.printJson(result);
      return 0;
    }
    const counter = { next: 1 };
    const out: string[] = [];
    if (result.description) out.push(`# ${result.description}`);
    for (const message of (result.messages ?? []).filter(isPlainObject)) {
      const blocks = Array.isArray(message.content) ? message.content : [message.content];
      out.push(`[${String(message.role)}]`, ...(await renderContent(blocks, { counter, ...(ctx.options.out ? { outDir: ctx.options.out } : {}) })), '');
    }
    ctx.io.print(out.join('\n').trimEnd());
    return 0;
  });
}
