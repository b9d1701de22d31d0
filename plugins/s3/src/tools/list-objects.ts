import { cursorScope, defineTool, pageInputProperties, pageLimit, pageOutputProperties, throwIfAborted, type Tool } from '@mcpctl/toolkit';
import { decodePosition, encodePosition, fetchBatch, positionAfter, type ListPosition } from '../listing.js';
import { bucketProperty, objectSummarySchema, resolveBucket, type ObjectSummary } from './common.js';
import type { S3Deps } from './context.js';

interface Input {
  bucket?: string;
  prefix?: string;
  delimiter?: string;
  cursor?: string;
  limit?: number;
}

interface Output extends Record<string, unknown> {
  bucket: string;
  objects: ObjectSummary[];
  commonPrefixes: string[];
  nextCursor?: string;
  truncated: boolean;
}

const LIMITS = { defaultLimit: 1000, maxLimit: 1000 };

export function listObjectsTool(deps: S3Deps): Tool {
  return defineTool<Input, Output>({
    name: 'list_objects',
    title: 'List objects',
    description:
      'List objects of an allowed bucket, in key order: key, size, ETag, last-modified, storage class. prefix narrows to a folder; delimiter "/" groups deeper keys into commonPrefixes (folders). Paged: pass nextCursor back as cursor.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        bucket: bucketProperty,
        prefix: { type: 'string', maxLength: 1024, description: 'Only keys starting with this (must lie inside an allowed prefix; default: every allowed prefix of the bucket).' },
        delimiter: { type: 'string', minLength: 1, maxLength: 16, description: 'Group keys by this separator ("/" for folders).' },
        ...pageInputProperties(LIMITS),
      },
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        bucket: { type: 'string' },
        objects: { type: 'array', items: objectSummarySchema },
        commonPrefixes: { type: 'array', items: { type: 'string' } },
        ...pageOutputProperties,
      },
      required: ['bucket', 'objects', 'commonPrefixes', 'truncated'],
    },
    async handler(input, ctx) {
      const bucket = resolveBucket(deps.allow, input.bucket);
      const scopes = deps.allow.listScopes(bucket, input.prefix);
      const scope = cursorScope({ tool: 'list_objects', bucket, prefix: input.prefix, delimiter: input.delimiter });
      const limit = pageLimit(input, LIMITS);
      let position: ListPosition | undefined = decodePosition(input.cursor, scope, scopes.length);
      const objects: ObjectSummary[] = [];
      const commonPrefixes: string[] = [];
      let count = 0;
      let cut = false;
      while (position && count < limit && !cut) {
        throwIfAborted(ctx.signal);
        const batch = await fetchBatch(deps, scopes, position, { ...(input.delimiter ? { delimiter: input.delimiter } : {}), maxKeys: limit - count, signal: ctx.signal });
        let taken = 0;
        for (const entry of batch.entries) {
          const item = entry.kind === 'object' ? entry.object : entry.prefix;
          if (count >= limit || !ctx.budget.takeJson(item)) {
            cut = true;
            break;
          }
          if (entry.kind === 'object') objects.push(entry.object);
          else commonPrefixes.push(entry.prefix);
          count++;
          taken++;
        }
        if (cut) {
          const last = batch.entries[taken - 1];
          position = last ? positionAfter(position.s, last) : position;
        } else {
          position = batch.next;
        }
        ctx.progress(count, limit);
      }
      const output: Output = { bucket, objects, commonPrefixes, truncated: position !== undefined };
      if (position) output.nextCursor = encodePosition(position, scope);
      return output;
    },
    render: (out) => [
      ...out.commonPrefixes.map((p) => `${p}\t(prefix)`),
      ...out.objects.map((o) => `${o.key}\t${o.size}\t${o.lastModified ?? ''}\t${o.etag ?? ''}`),
      ...(out.nextCursor ? [`(more: cursor=${out.nextCursor})`] : []),
    ].join('\n') || '(no objects)',
  });
}
