import type { CommandRunContext } from '@mcpctl/kernel';
import { errors } from '@mcpctl/kernel';
import type { readOptions } from '../../commands/client/options.js';
import { note, shiftForCmd, withSession } from '../../client/command-session.js';
import { isPlainObject } from '../../client/json-schema-check.js';
import { renderResourceContents } from '../../client/render-content.js';
import { saveToFile } from '../../client/save-content.js';
import { base64Size, formatBytes } from '../../client/text.js';

type Ctx = CommandRunContext<typeof readOptions>;

export async function runRead(ctx: Ctx): Promise<number> {
  const { target, second: uri, rest } = shiftForCmd(ctx, ctx.positionals.uri);
  if (!uri) throw errors.USAGE_ERROR('Missing <uri>: mcpctl read <target> <uri> [--out file]');
  if (rest.length > 0) throw errors.USAGE_ERROR(`Unexpected arguments: ${rest.join(' ')}`);
  return withSession(ctx, target, async (session, _target, timeoutMs) => {
    const result = await session.request<{ contents?: unknown[] }>('resources/read', { uri }, { signal: ctx.signal, timeoutMs });
    const contents = (Array.isArray(result.contents) ? result.contents : []).filter(isPlainObject);
    if (ctx.options.out) {
      await writeContents(ctx, ctx.options.out, contents);
      if (ctx.io.json) ctx.io.printJson({ uri, out: ctx.options.out, contents: contents.map(({ text, blob, ...meta }) => ({ ...meta, bytes: contentBytes({ text, blob }) })) });
      return 0;
    }
    if (ctx.io.json) {
      ctx.io.printJson(result);
      return 0;
    }
    // A single text resource prints as is, ready to pipe.
    if (contents.length === 1 && typeof contents[0]!.text === 'string') {
      ctx.io.stdout.write(contents[0]!.text as string);
      if (!(contents[0]!.text as string).endsWith('\n')) ctx.io.stdout.write('\n');
      return 0;
    }
    const lines = await renderResourceContents(contents);
    ctx.io.print(lines.length > 0 ? lines.join('\n') : '(empty resource)');
    return 0;
  });
}

/** One content: written to the file. Several: file, file.1, file.2… */
async function writeContents(ctx: Ctx, out: string, contents: Record<string, unknown>[]): Promise<void> {
  for (const [i, item] of contents.entries()) {
    const path = i === 0 ? out : `${out}.${i}`;
    if (typeof item.blob === 'string') await saveToFile(path, item.blob, 'base64');
    else await saveToFile(path, String(item.text ?? ''), 'utf8');
    note(ctx, `Wrote ${String(item.uri ?? 'content')} (${formatBytes(contentBytes(item))}) to ${path}`);
  }
}

/** The decoded size of one content item: its base64 blob, else its text. */
function contentBytes(item: { text?: unknown; blob?: unknown }): number {
  return typeof item.blob === 'string' ? base64Size(item.blob) : Buffer.byteLength(String(item.text ?? ''));
}
