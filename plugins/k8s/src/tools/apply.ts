import { createTwoFilesPatch } from 'diff';
import { parseAllDocuments } from 'yaml';
import { defineTool, ToolError, type Tool } from '@mcpctl/toolkit';
import type { KubeClient, KubeObject } from '../api/client.js';
import type { ApiResource } from '../api/discovery.js';
import type { Cluster } from '../cluster.js';
import { K8sErrorCode } from '../tool-errors.js';
import { contextProperty, namespaceProperty, toYaml } from './common.js';

interface Input {
  context?: string;
  manifest: string;
  namespace?: string;
  dryRun?: boolean;
  force?: boolean;
}

interface ApplyResult {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  action: 'create' | 'configure' | 'unchanged';
  /** Unified diff of the object before and after (server-side dry run), managedFields and bookkeeping left out. */
  diff: string;
  applied: boolean;
  resourceVersion?: string;
}

type Output = {
  dryRun: boolean;
  results: ApplyResult[];
  truncated: boolean;
};

const MAX_DOCUMENTS = 50;
/** Fields the API server sets on every write: not part of a useful diff. */
const BOOKKEEPING = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation'];

/**
 * Server-side apply (field manager "mcpctl"). Every document is first sent
 * as a server-side dry run, which returns the object as it would be; the
 * diff against the live object is reported. Only when every dry run
 * succeeded, and dryRun is not set, is anything applied.
 */
export function applyTool(cluster: Cluster): Tool {
  return defineTool<Input, Output>({
    name: 'apply',
    title: 'Apply manifests',
    description: 'Server-side apply of one or more YAML/JSON documents (field manager "mcpctl"). A server-side dry run runs first and its diff is returned; dryRun: true stops there. Nothing is applied unless every document passes its dry run. force: true takes over fields another manager owns.',
    tier: 'write',
    idempotent: true,
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        manifest: { type: 'string', minLength: 1, maxLength: 4 * 1024 * 1024, description: 'YAML (documents separated by ---) or JSON; each with apiVersion, kind and metadata.name.' },
        namespace: { ...(namespaceProperty as Record<string, unknown>), description: 'Namespace for documents that do not name one.' },
        dryRun: { type: 'boolean', description: 'Only the server-side dry run and its diff.' },
        force: { type: 'boolean', description: 'Take over fields owned by other field managers (conflicts otherwise fail).' },
      },
      required: ['manifest'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        dryRun: { type: 'boolean' },
        results: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              apiVersion: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' },
              action: { enum: ['create', 'configure', 'unchanged'] }, diff: { type: 'string' }, applied: { type: 'boolean' }, resourceVersion: { type: 'string' },
            },
            required: ['apiVersion', 'kind', 'name', 'action', 'diff', 'applied'],
          },
        },
        truncated: { type: 'boolean' },
      },
      required: ['dryRun', 'results', 'truncated'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const documents = parseManifest(input.manifest);
      const planned: Array<{ object: KubeObject; resource: ApiResource; namespace: string | undefined; result: ApplyResult }> = [];
      for (const [index, object] of documents.entries()) {
        const resource = await client.resolve(object.kind as string, object.apiVersion as string).catch((error: unknown) => {
          throw new ToolError(K8sErrorCode.BAD_MANIFEST, `Document ${index + 1}: ${(error as Error).message}`, { hint: 'Check apiVersion and kind (api_resources lists them).' });
        });
        const metadata = object.metadata as { name: string; namespace?: string };
        const namespace = cluster.namespaceFor(client, resource, metadata.namespace ?? input.namespace);
        if (namespace !== undefined) metadata.namespace = namespace;
        else delete metadata.namespace;
        await client.requireCan('patch', resource, namespace, metadata.name, undefined, ctx.signal);
        const live = await client.find(resource, namespace, metadata.name, ctx.signal);
        const dry = await client.patch(resource, namespace, metadata.name, 'apply', object, { dryRun: true, force: input.force, signal: ctx.signal });
        const diff = diffObjects(live, dry, `${object.kind}/${metadata.name}`);
        const action = live === undefined ? 'create' : diff === '' ? 'unchanged' : 'configure';
        planned.push({
          object,
          resource,
          namespace,
          result: { apiVersion: object.apiVersion as string, kind: object.kind as string, name: metadata.name, ...(namespace ? { namespace } : {}), action, diff, applied: false },
        });
      }
      if (!input.dryRun) {
        for (const plan of planned) {
          if (plan.result.action === 'unchanged') continue;
          const applied = await client.patch(plan.resource, plan.namespace, plan.result.name, 'apply', plan.object, { force: input.force, signal: ctx.signal });
          plan.result.applied = true;
          if (applied.metadata?.resourceVersion) plan.result.resourceVersion = applied.metadata.resourceVersion;
        }
      }
      let truncated = false;
      const results = planned.map(({ result }) => {
        // Each diff is carried twice (structured and text).
        const fitted = ctx.budget.fitText(result.diff);
        ctx.budget.takeText(fitted.text);
        if (fitted.cut) truncated = true;
        return { ...result, diff: fitted.text };
      });
      return { dryRun: input.dryRun === true, results, truncated };
    },
    render: (out) =>
      out.results
        .map((r) => `${r.kind}/${r.name}${r.namespace ? ` (${r.namespace})` : ''}: ${r.action}${out.dryRun ? ' (dry run)' : r.applied ? ', applied' : ''}${r.diff ? `\n${r.diff}` : ''}`)
        .join('\n'),
  });
}

function parseManifest(manifest: string): KubeObject[] {
  const documents = parseAllDocuments(manifest, { uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [documents];
  const objects: KubeObject[] = [];
  for (const [index, document] of list.entries()) {
    if (document.errors.length > 0) {
      throw new ToolError(K8sErrorCode.BAD_MANIFEST, `Document ${index + 1} is not valid YAML: ${document.errors[0]?.message.split('\n')[0]}`, { hint: 'Fix the YAML; separate documents with a line "---".' });
    }
    const value = document.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const items = isList(value) ? (value.items as unknown[]) : [value];
    for (const item of items) {
      const object = item as KubeObject;
      if (typeof object !== 'object' || object === null || Array.isArray(object)) throw new ToolError(K8sErrorCode.BAD_MANIFEST, `Document ${index + 1} is not an object`, { hint: 'Each document is one Kubernetes object.' });
      const metadata = object.metadata as { name?: unknown } | undefined;
      if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || typeof metadata?.name !== 'string' || metadata.name === '') {
        throw new ToolError(K8sErrorCode.BAD_MANIFEST, `Document ${index + 1} needs apiVersion, kind and metadata.name`, { hint: 'generateName is not supported by apply: give the object a name.' });
      }
      objects.push(object);
    }
  }
  if (objects.length === 0) throw new ToolError(K8sErrorCode.BAD_MANIFEST, 'The manifest has no objects', { hint: 'Pass at least one document with apiVersion, kind and metadata.name.' });
  if (objects.length > MAX_DOCUMENTS) throw new ToolError(K8sErrorCode.BAD_MANIFEST, `The manifest has ${objects.length} objects; at most ${MAX_DOCUMENTS} per call`, { hint: 'Split it into several apply calls.' });
  return objects;
}

function isList(value: unknown): value is { kind: string; items: unknown[] } {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'List' && Array.isArray((value as { items?: unknown }).items);
}

function clean(object: KubeObject | undefined): string {
  if (!object) return '';
  const metadata = { ...(object.metadata ?? {}) } as Record<string, unknown>;
  for (const key of BOOKKEEPING) delete metadata[key];
  return toYaml({ ...object, metadata });
}

function diffObjects(before: KubeObject | undefined, after: KubeObject, label: string): string {
  const a = clean(before);
  const b = clean(after);
  if (a === b) return '';
  return createTwoFilesPatch(`live/${label}`, `applied/${label}`, a, b, undefined, undefined, { context: 3 }).split('\n').slice(2).join('\n').trimEnd();
}
