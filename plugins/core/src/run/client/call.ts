import { readFile } from 'node:fs/promises';
import type { ClientSession, CommandRunContext } from '@mcpctl/kernel';
import { ExitCode, errors, isMcpctlError } from '@mcpctl/kernel';
import type { callOptions } from '../../commands/client/options.js';
import { sleep } from '@mcpctl/toolkit/timeout';
import { backoffDelay, retryPolicyFrom } from '../../transports/retry-policy.js';
import { coerceArguments } from '../../client/coerce.js';
import { note, shiftForCmd, withSession } from '../../client/command-session.js';
import { BAD_ARGUMENT, TOOL_ERROR, UNKNOWN_TOOL } from '../../client/errors.js';
import { checkValue, isPlainObject } from '../../client/json-schema-check.js';
import { listAll } from '../../client/paginate.js';
import { ProgressBar } from '../../client/progress-bar.js';
import { renderContent } from '../../client/render-content.js';
import { didYouMean } from '../../client/suggest.js';
import type { Target } from '../../client/target.js';

type Ctx = CommandRunContext<typeof callOptions>;
type Tool = { name: string; inputSchema?: unknown; annotations?: { idempotentHint?: boolean } };
type CallResult = { content?: unknown[]; structuredContent?: unknown; isError?: boolean };

export async function runCall(ctx: Ctx): Promise<number> {
  const { target, second: toolName, rest } = shiftForCmd(ctx, ctx.positionals.tool);
  if (!toolName) throw errors.USAGE_ERROR('Missing <tool>: mcpctl call <target> <tool> [key=value ...]');
  const base = await baseArguments(ctx);

  return withSession(ctx, target, async (session, resolved, timeoutMs) => {
    const tools = await listAll<Tool>(session, 'tools/list', 'tools', { signal: ctx.signal, timeoutMs });
    const tool = tools.find((t) => t.name === toolName);
    if (!tool) throw UNKNOWN_TOOL(resolved.label, toolName, didYouMean(toolName, tools.map((t) => t.name)));

    const args = coerceArguments(rest, tool.inputSchema, base);
    const problems = isPlainObject(tool.inputSchema) ? checkValue(args, tool.inputSchema) : [];
    if (problems.length > 0) {
      throw BAD_ARGUMENT(`Invalid arguments for tool ${toolName}:\n${problems.map((p) => `  ${p.path || '(arguments)'}: ${p.message}`).join('\n')}`, {
        details: { tool: toolName, problems },
      });
    }

    const result = await callTool(ctx, session, resolved, tool, args, timeoutMs);
    if (ctx.io.json) {
      ctx.io.printJson(result);
    } else {
      await printResult(ctx, result);
    }
    if (result.isError) {
      if (!ctx.io.json) note(ctx, TOOL_ERROR(toolName).message);
      return ExitCode.FAILURE;
    }
    return ExitCode.OK;
  });
}

async function callTool(ctx: Ctx, session: ClientSession, target: Target, tool: Tool, args: Record<string, unknown>, timeoutMs: number): Promise<CallResult> {
  const bar = !ctx.io.json && (ctx.io.stderr as { isTTY?: boolean }).isTTY ? new ProgressBar(ctx.io.stderr) : undefined;
  const idempotent = tool.annotations?.idempotentHint === true;
  if (ctx.options.retry && !idempotent) note(ctx, `Not repeating ${tool.name} on failure: the tool is not annotated idempotent.`);
  const policy = retryPolicyFrom(target.entry.retry);
  const tries = ctx.options.retry && idempotent ? policy.tries : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await session.request<CallResult>('tools/call', { name: tool.name, arguments: args }, {
        signal: ctx.signal,
        timeoutMs,
        onProgress: (p) => {
          if (bar) bar.update(p);
          else ctx.kernel.logger.debug({ progress: p.progress, total: p.total, message: p.message }, 'progress');
        },
      });
    } catch (error) {
      const transient = isMcpctlError(error) && error.exitCode === ExitCode.CONNECT;
      if (!transient || attempt >= tries || ctx.signal.aborted) throw error;
      const delay = backoffDelay(policy, attempt);
      note(ctx, `${tool.name} failed (${(error as Error).message}); trying again in ${delay} ms (--retry, tool is idempotent)`);
      await sleep(delay, ctx.signal);
    } finally {
      bar?.clear();
    }
  }
}

async function printResult(ctx: Ctx, result: CallResult): Promise<void> {
  const content = Array.isArray(result.content) ? result.content : [];
  const structured = result.structuredContent;
  const structuredJson = structured === undefined ? undefined : JSON.stringify(structured, null, 2);
  // A text block that only repeats structuredContent as JSON is shown once, pretty.
  const blocks = structured === undefined ? content : content.filter((b) => !(isPlainObject(b) && b.type === 'text' && sameJson(b.text, structured)));
  const lines = await renderContent(blocks, { ...(ctx.options.out ? { outDir: ctx.options.out } : {}) });
  if (lines.length > 0) ctx.io.print(lines.join('\n'));
  if (structuredJson !== undefined) ctx.io.print(structuredJson);
}

function sameJson(text: unknown, value: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

async function baseArguments(ctx: Ctx): Promise<Record<string, unknown>> {
  const { args, argsFile } = ctx.options;
  if (args !== undefined && argsFile !== undefined) throw errors.USAGE_ERROR('Give --args or --args-file, not both');
  let text: string | undefined;
  let source = '--args';
  if (args !== undefined) text = args;
  else if (argsFile !== undefined) {
    source = argsFile === '-' ? 'stdin' : argsFile;
    try {
      text = argsFile === '-' ? await readStream(ctx.io.stdin) : await readFile(argsFile, 'utf8');
    } catch (error) {
      throw BAD_ARGUMENT(`Could not read --args-file ${argsFile}: ${(error as Error).message}`, { cause: error });
    }
  }
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw BAD_ARGUMENT(`The arguments in ${source} are not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!isPlainObject(parsed)) throw BAD_ARGUMENT(`The arguments in ${source} must be a JSON object`);
  return parsed;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
