import { defineTool, ToolError, ToolErrorCode, type Tool } from '@mcpctl/toolkit';
import type { Cluster } from '../cluster.js';
import { K8sErrorCode } from '../tool-errors.js';
import { contextProperty, kindProperties, nameProperty, namespaceProperty, selectorProperties } from './common.js';

interface Input {
  context?: string;
  kind: string;
  apiVersion?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  confirm?: number;
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
}

interface Deleted {
  name: string;
  namespace?: string;
}

type Output = {
  kind: string;
  dryRun: boolean;
  matched: number;
  deleted: Deleted[];
  failed: Array<Deleted & { message: string }>;
  truncated: boolean;
};

/** Most objects one selector delete may remove. */
const MAX_SELECTED = 500;

/**
 * Delete one object by name, or the objects a selector matches. A selector
 * delete needs `confirm` equal to the count its dry run reported; each
 * object is then deleted on its own with a uid precondition, so an object
 * created since the dry run is never touched.
 */
export function deleteTool(cluster: Cluster): Tool {
  return defineTool<Input, Output>({
    name: 'delete',
    title: 'Delete objects',
    description: `Delete one object (name), or the objects a label/field selector matches in one namespace. For a selector, call first with dryRun: true to learn the count, then again with confirm: <that count> (at most ${MAX_SELECTED}). dryRun also runs a server-side dry run for one object.`,
    tier: 'destructive',
    idempotent: true,
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        ...kindProperties,
        name: nameProperty('The object to delete (or use a selector).'),
        namespace: namespaceProperty,
        ...selectorProperties,
        confirm: { type: 'integer', minimum: 1, maximum: MAX_SELECTED, description: 'Selector deletes: the number of objects the dry run reported.' },
        dryRun: { type: 'boolean', description: 'Report what would be deleted (server-side dry run); delete nothing.' },
        gracePeriodSeconds: { type: 'integer', minimum: 0, maximum: 86_400 },
        propagationPolicy: { enum: ['Foreground', 'Background', 'Orphan'], description: 'What happens to dependents (default: the kind\'s default, usually Background).' },
      },
      required: ['kind'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        kind: { type: 'string' }, dryRun: { type: 'boolean' }, matched: { type: 'integer' },
        deleted: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' } }, required: ['name'] } },
        failed: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' }, message: { type: 'string' } }, required: ['name', 'message'] } },
        truncated: { type: 'boolean' },
      },
      required: ['kind', 'dryRun', 'matched', 'deleted', 'failed', 'truncated'],
    },
    async handler(input, ctx) {
      const bySelector = input.labelSelector !== undefined || input.fieldSelector !== undefined;
      if (bySelector === (input.name !== undefined)) {
        throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, 'Pass either name or a selector (labelSelector/fieldSelector), not both and not neither', { hint: 'delete removes one named object, or the objects a selector matches.' });
      }
      if (input.name !== undefined && input.confirm !== undefined) throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, 'confirm is for selector deletes', { hint: 'Drop confirm when deleting by name.' });
      const client = cluster.client(input.context);
      const resource = await client.resolve(input.kind, input.apiVersion);
      const namespace = cluster.namespaceFor(client, resource, input.namespace);
      const dryRun = input.dryRun === true;
      const options = { dryRun, gracePeriodSeconds: input.gracePeriodSeconds, propagationPolicy: input.propagationPolicy, signal: ctx.signal };
      if (input.name !== undefined) {
        await client.requireCan('delete', resource, namespace, input.name, undefined, ctx.signal);
        await client.delete(resource, namespace, input.name, options);
        return { kind: resource.kind, dryRun, matched: 1, deleted: [{ name: input.name, ...(namespace ? { namespace } : {}) }], failed: [], truncated: false };
      }
      const { items, complete } = await client.listAll(resource, { namespace, labelSelector: input.labelSelector, fieldSelector: input.fieldSelector, signal: ctx.signal }, MAX_SELECTED + 1);
      if (!complete || items.length > MAX_SELECTED) {
        throw new ToolError(K8sErrorCode.CONFIRM_MISMATCH, `The selector matches more than ${MAX_SELECTED} ${resource.resource}`, { hint: 'Narrow the selector; a selector delete removes at most ' + MAX_SELECTED + ' objects.' });
      }
      const matched = items.length;
      const targets = items.map((item) => ({ name: item.metadata?.name ?? '', uid: item.metadata?.uid, ...(namespace ? { namespace } : {}) }));
      if (!dryRun && input.confirm !== matched) {
        throw new ToolError(K8sErrorCode.CONFIRM_MISMATCH, input.confirm === undefined ? `The selector matches ${matched} ${resource.resource}; a selector delete needs confirm: ${matched}` : `confirm is ${input.confirm} but the selector now matches ${matched} ${resource.resource}`, {
          hint: 'Call with dryRun: true to see which objects match, then with confirm set to that count.',
          details: { matched, names: targets.slice(0, 50).map((t) => t.name) },
        });
      }
      if (matched > 0) await client.requireCan('delete', resource, namespace, undefined, undefined, ctx.signal);
      const deleted: Deleted[] = [];
      const failed: Array<Deleted & { message: string }> = [];
      for (const target of targets) {
        try {
          await client.delete(resource, namespace, target.name, { ...options, ...(target.uid ? { uid: target.uid } : {}) });
          deleted.push({ name: target.name, ...(namespace ? { namespace } : {}) });
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          failed.push({ name: target.name, ...(namespace ? { namespace } : {}), message: (error as Error).message });
        }
        ctx.progress(deleted.length + failed.length, matched);
      }
      ctx.budget.takeJson(deleted);
      return { kind: resource.kind, dryRun, matched, deleted, failed, truncated: false };
    },
    render: (out) => [
      `${out.dryRun ? 'would delete' : 'deleted'} ${out.deleted.length} of ${out.matched} ${out.kind}`,
      ...out.deleted.map((d) => `  ${d.namespace ? `${d.namespace}/` : ''}${d.name}`),
      ...out.failed.map((f) => `  failed ${f.name}: ${f.message}`),
      ...(out.dryRun && out.matched > 0 ? [`(dry run: call again with confirm: ${out.matched} to delete)`] : []),
    ].join('\n'),
  });
}
