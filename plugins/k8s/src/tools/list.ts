import { cursorScope, decodeCursor, defineTool, encodeCursor, pageInputProperties, pageLimit, pageOutputProperties, ToolError, ToolErrorCode, type Tool } from '@mcpctl/toolkit';
import type { KubeObject, Table } from '../api/client.js';
import type { Cluster } from '../cluster.js';
import { contextProperty, kindProperties, namespaceProperty, selectorProperties, withoutManagedFields } from './common.js';

interface Input {
  context?: string;
  kind: string;
  apiVersion?: string;
  namespace?: string;
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  output: 'rows' | 'objects';
  wide?: boolean;
  cursor?: string;
  limit?: number;
}

export interface Row {
  name: string;
  namespace?: string;
  /** The server's printed columns (kubectl get), by column name. */
  columns: Record<string, unknown>;
}

type Output = {
  kind: string;
  apiVersion: string;
  items: Array<Row | KubeObject>;
  nextCursor?: string;
  truncated: boolean;
};

/** Where a list stopped: the namespace (index into the scopes), the continue token that page was read with, and items of it already returned. */
interface ListCursor {
  s: number;
  c: string;
  k: number;
}

const LIMITS = { defaultLimit: 100, maxLimit: 1000 };

/**
 * Any kind, one namespace, every allowed namespace or the whole cluster,
 * with selectors. Paged with the API server's own continue tokens (the
 * cursor carries the token, so a page is one API request), cut early when
 * the byte budget runs out.
 */
export function listTool(cluster: Cluster): Tool {
  return defineTool<Input, Output>({
    name: 'list',
    title: 'List objects',
    description: 'List objects of any kind (Pod, deployments, CRDs…) in a namespace or across the allowed namespaces, with label and field selectors. Compact rows (the columns kubectl get prints) by default; output: objects for full objects. Paged: follow nextCursor.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        ...kindProperties,
        namespace: namespaceProperty,
        allNamespaces: { type: 'boolean', description: 'Every namespace this server allows (instead of one).' },
        ...selectorProperties,
        output: { enum: ['rows', 'objects'], default: 'rows', description: 'rows: name, namespace and printed columns; objects: the full objects (managedFields removed).' },
        wide: { type: 'boolean', description: 'Rows: include the extra columns kubectl get -o wide prints.' },
        ...pageInputProperties(LIMITS),
      },
      required: ['kind'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        kind: { type: 'string' },
        apiVersion: { type: 'string' },
        items: { type: 'array', items: { type: 'object' } },
        ...pageOutputProperties,
      },
      required: ['kind', 'apiVersion', 'items', 'truncated'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const resource = await client.resolve(input.kind, input.apiVersion);
      const scopes = cluster.listScopes(client, resource, input.namespace, input.allNamespaces);
      const scope = cursorScope({ ...input, output: input.output, kind: `${resource.group}/${resource.version}/${resource.resource}` });
      const state = input.cursor ? readCursor(input.cursor, scope, scopes.length) : { s: 0, c: '', k: 0 };
      const limit = pageLimit(input, LIMITS);
      const items: Array<Row | KubeObject> = [];
      let next: ListCursor | undefined;
      let { s, c, k } = state;
      pages: while (s < scopes.length) {
        const want = k + (limit - items.length);
        const query = { namespace: scopes[s], labelSelector: input.labelSelector, fieldSelector: input.fieldSelector, limit: want, continue: c || undefined, signal: ctx.signal };
        let page: Array<Row | KubeObject>;
        let token: string | undefined;
        if (input.output === 'objects') {
          const list = await client.list(resource, query);
          page = list.items.map(withoutManagedFields);
          token = list.metadata?.continue || undefined;
        } else {
          const table = await client.table(resource, query);
          page = tableRows(table, input.wide === true);
          token = table.metadata?.continue || undefined;
        }
        for (let i = k; i < page.length; i++) {
          const item = page[i] as Row | KubeObject;
          if (!ctx.budget.takeJson(item)) {
            next = { s, c, k: i };
            break pages;
          }
          items.push(item);
        }
        ctx.progress(items.length);
        if (token) {
          if (items.length >= limit) {
            next = { s, c: token, k: 0 };
            break;
          }
          c = token;
          k = 0;
          continue;
        }
        s++;
        c = '';
        k = 0;
        if (items.length >= limit && s < scopes.length) {
          next = { s, c: '', k: 0 };
          break;
        }
      }
      const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
      return next ? { kind: resource.kind, apiVersion, items, nextCursor: encodeCursor({ ...next }, scope), truncated: true } : { kind: resource.kind, apiVersion, items, truncated: false };
    },
    render: (out) => {
      const lines = out.items.map((item) => {
        if ('columns' in item && typeof item.columns === 'object') {
          const row = item as Row;
          return [row.namespace, row.name, ...Object.values(row.columns).map((v) => String(v ?? ''))].filter((v) => v !== undefined).join('\t');
        }
        const meta = (item as KubeObject).metadata;
        return `${meta?.namespace ? `${meta.namespace}/` : ''}${meta?.name ?? ''}`;
      });
      if (out.nextCursor) lines.push(`(more: cursor=${out.nextCursor})`);
      return lines.join('\n') || `(no ${out.kind} objects)`;
    },
  });
}

function readCursor(cursor: string, scope: string, scopes: number): ListCursor {
  const value = decodeCursor(cursor, scope) as Partial<ListCursor> | null;
  const valid = value && typeof value === 'object' && Number.isInteger(value.s) && typeof value.c === 'string' && Number.isInteger(value.k) && (value.s as number) >= 0 && (value.s as number) < scopes && (value.k as number) >= 0 && (value.k as number) <= 100_000;
  if (!valid) throw new ToolError(ToolErrorCode.INVALID_CURSOR, 'This cursor is not one list returned', { hint: 'Call list again without cursor to start from the first page.' });
  return value as ListCursor;
}

/** Table rows as { name, namespace, columns }: priority-0 columns, or all with `wide`. */
export function tableRows(table: Table, wide: boolean): Row[] {
  const columns = table.columnDefinitions.map((column, index) => ({ column, index })).filter(({ column }) => wide || !column.priority);
  return table.rows.map((row) => {
    const meta = row.object?.metadata;
    const cells: Record<string, unknown> = {};
    for (const { column, index } of columns) if (column.name !== 'Name' && column.name !== 'Namespace') cells[column.name] = row.cells[index];
    const name = meta?.name ?? String(row.cells[table.columnDefinitions.findIndex((c) => c.name === 'Name')] ?? '');
    return { name, ...(meta?.namespace ? { namespace: meta.namespace } : {}), columns: cells };
  });
}
