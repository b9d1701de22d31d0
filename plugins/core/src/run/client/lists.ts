import type { CommandRunContext, TableColumn } from '@mcpctl/kernel';
import type { TargetOptionSpecs } from '../../commands/client/options.js';
import { withSession } from '../../client/command-session.js';
import { listAll } from '../../client/paginate.js';
import { summarizeArguments, summarizePromptArguments } from '../../client/schema-summary.js';
import { formatBytes, oneLine } from '../../client/text.js';

type Ctx = CommandRunContext<TargetOptionSpecs>;
type Item = Record<string, unknown>;

interface ListSpec {
  method: string;
  /** The result's list property; also the key of the --json output. */
  key: string;
  /** Printed when the list is empty. */
  none: string;
  /** One table row; `describe` shortens a description to one line. */
  row: (item: Item, describe: (text: unknown) => string) => Item;
  columns: TableColumn[];
}

/** `tools`, `resources`, `templates`, `prompts`: every page of one list, as a table or (--json) raw. */
async function runList(ctx: Ctx, spec: ListSpec): Promise<number> {
  return withSession(ctx, ctx.positionals.target, async (session, _target, timeoutMs) => {
    const items = await listAll<Item>(session, spec.method, spec.key, { signal: ctx.signal, timeoutMs });
    if (ctx.io.json) {
      ctx.io.printJson({ [spec.key]: items });
      return 0;
    }
    if (items.length === 0) {
      ctx.io.print(spec.none);
      return 0;
    }
    const width = ctx.io.isTTY ? 60 : 200;
    ctx.io.printTable(items.map((item) => spec.row(item, (text) => oneLine(text, width))), spec.columns);
    return 0;
  });
}

export function runTools(ctx: Ctx): Promise<number> {
  return runList(ctx, {
    method: 'tools/list',
    key: 'tools',
    none: '(no tools)',
    row: (t, describe) => ({
      name: t.name,
      title: t.title ?? (t.annotations as { title?: string } | undefined)?.title ?? '',
      description: describe(t.description),
      arguments: summarizeArguments(t.inputSchema),
    }),
    columns: [
      { key: 'name', header: 'NAME' },
      { key: 'title', header: 'TITLE' },
      { key: 'description', header: 'DESCRIPTION' },
      { key: 'arguments', header: 'ARGUMENTS (* required)' },
    ],
  });
}

export function runResources(ctx: Ctx): Promise<number> {
  return runList(ctx, {
    method: 'resources/list',
    key: 'resources',
    none: '(no resources)',
    row: (r, describe) => ({
      name: r.title ?? r.name,
      uri: r.uri,
      mimeType: r.mimeType ?? '',
      size: typeof r.size === 'number' ? formatBytes(r.size) : '',
      description: describe(r.description),
    }),
    columns: [
      { key: 'name', header: 'NAME' },
      { key: 'uri', header: 'URI' },
      { key: 'mimeType', header: 'MIME TYPE' },
      { key: 'size', header: 'SIZE' },
      { key: 'description', header: 'DESCRIPTION' },
    ],
  });
}

export function runTemplates(ctx: Ctx): Promise<number> {
  return runList(ctx, {
    method: 'resources/templates/list',
    key: 'resourceTemplates',
    none: '(no resource templates)',
    row: (t, describe) => ({
      name: t.title ?? t.name,
      uriTemplate: t.uriTemplate,
      mimeType: t.mimeType ?? '',
      description: describe(t.description),
    }),
    columns: [
      { key: 'name', header: 'NAME' },
      { key: 'uriTemplate', header: 'URI TEMPLATE' },
      { key: 'mimeType', header: 'MIME TYPE' },
      { key: 'description', header: 'DESCRIPTION' },
    ],
  });
}

export function runPrompts(ctx: Ctx): Promise<number> {
  return runList(ctx, {
    method: 'prompts/list',
    key: 'prompts',
    none: '(no prompts)',
    row: (p, describe) => ({
      name: p.name,
      title: p.title ?? '',
      description: describe(p.description),
      arguments: summarizePromptArguments(p.arguments),
    }),
    columns: [
      { key: 'name', header: 'NAME' },
      { key: 'title', header: 'TITLE' },
      { key: 'description', header: 'DESCRIPTION' },
      { key: 'arguments', header: 'ARGUMENTS (* required)' },
    ],
  });
}
