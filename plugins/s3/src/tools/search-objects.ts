import { ToolError, ToolErrorCode, cursorScope, defineTool, pageInputProperties, pageLimit, pageOutputProperties, throwIfAborted, type Tool } from '@mcpctl/toolkit';
import picomatch from 'picomatch';
import { decodePosition, encodePosition, fetchBatch, positionAfter, type ListPosition, type Scope } from '../listing.js';
import { bucketProperty, objectSummarySchema, type ObjectSummary, type SchemaObject } from './common.js';
import type { S3Deps } from './context.js';

interface Input {
  glob?: string;
  contains?: string;
  ignoreCase?: boolean;
  bucket?: string;
  prefix?: string;
  cursor?: string;
  limit?: number;
}

interface Match extends ObjectSummary {
  bucket: string;
}

interface Output extends Record<string, unknown> {
  matches: Match[];
  scanned: number;
  nextCursor?: string;
  truncated: boolean;
  scanLimitReached: boolean;
}

const LIMITS = { defaultLimit: 100, maxLimit: 1000 };
const GLOB_SPECIAL = /[*?[\]{}()!+@\\]/;

export function searchObjectsTool(deps: S3Deps): Tool {
  return defineTool<Input, Output>({
    name: 'search_objects',
    title: 'Search object keys',
    description:
      'Find objects whose key matches a glob ("reports/**/*.csv", matched against the whole key) or contains a substring, across every allowed bucket and prefix (or one bucket/prefix). Bounded work: at most the server\'s searchMaxKeys keys are scanned per call; continue with nextCursor.',
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        glob: { type: 'string', minLength: 1, maxLength: 1024, description: 'Glob on the whole key: * within a segment, ** across segments, ?, [abc], {a,b}.' },
        contains: { type: 'string', minLength: 1, maxLength: 1024, description: 'Substring of the key.' },
        ignoreCase: { type: 'boolean', default: false },
        bucket: { ...bucketProperty, description: 'Only this bucket (default: every allowed bucket).' },
        prefix: { type: 'string', maxLength: 1024, description: 'Only keys under this prefix (inside an allowed prefix).' },
        ...pageInputProperties(LIMITS),
      },
      additionalProperties: false,
      anyOf: [{ required: ['glob'] }, { required: ['contains'] }],
    },
    outputSchema: {
      type: 'object',
      properties: {
        matches: { type: 'array', items: { ...objectSummarySchema, properties: { ...(objectSummarySchema.properties as SchemaObject), bucket: { type: 'string' } }, required: ['bucket', 'key', 'size'] } },
        scanned: { type: 'integer', minimum: 0, description: 'Keys looked at in this call' },
        scanLimitReached: { type: 'boolean', description: 'The call stopped at searchMaxKeys; more keys remain' },
        ...pageOutputProperties,
      },
      required: ['matches', 'scanned', 'truncated', 'scanLimitReached'],
    },
    async handler(input, ctx) {
      if (input.glob !== undefined && input.contains !== undefined) throw new ToolError(ToolErrorCode.INVALID_ARGUMENTS, 'Give glob or contains, not both');
      const matches = matcher(input);
      const scopes = narrowScopes(deps.allow.listScopes(input.bucket, input.prefix), input.glob);
      const scope = cursorScope({ tool: 'search_objects', glob: input.glob, contains: input.contains, ignoreCase: input.ignoreCase, bucket: input.bucket, prefix: input.prefix });
      const limit = pageLimit(input, LIMITS);
      const maxScan = deps.options.searchMaxKeys;
      let position: ListPosition | undefined = decodePosition(input.cursor, scope, Math.max(1, scopes.length));
      if (scopes.length === 0) position = undefined;
      const found: Match[] = [];
      let scanned = 0;
      let stop = false;
      while (position && !stop) {
        throwIfAborted(ctx.signal);
        const batch = await fetchBatch(deps, scopes, position, { maxKeys: Math.min(1000, maxScan - scanned), signal: ctx.signal });
        let consumed = 0;
        for (const entry of batch.entries) {
          if (entry.kind !== 'object') continue;
          if (matches(entry.object.key)) {
            const match: Match = { bucket: entry.bucket, ...entry.object };
            if (found.length >= limit || !ctx.budget.takeJson(match)) {
              stop = true;
              break;
            }
            found.push(match);
          }
          consumed++;
          scanned++;
        }
        if (stop) {
          const last = batch.entries[consumed - 1];
          position = last ? positionAfter(position.s, last) : position;
        } else {
          position = batch.next;
        }
        ctx.progress(scanned, maxScan, `${found.length} matches`);
        if (scanned >= maxScan) stop = true;
      }
      const output: Output = { matches: found, scanned, truncated: position !== undefined, scanLimitReached: position !== undefined && scanned >= maxScan };
      if (position) output.nextCursor = encodePosition(position, scope);
      return output;
    },
    render: (out) => [
      ...out.matches.map((m) => `s3://${m.bucket}/${m.key}\t${m.size}\t${m.lastModified ?? ''}`),
      `(${out.matches.length} matches, ${out.scanned} keys scanned${out.nextCursor ? `; more: cursor=${out.nextCursor}` : ''})`,
    ].join('\n'),
  });
}

function matcher(input: Input): (key: string) => boolean {
  if (input.glob !== undefined) return picomatch(input.glob, { dot: true, nocase: input.ignoreCase === true });
  const needle = input.ignoreCase ? (input.contains as string).toLowerCase() : (input.contains as string);
  return input.ignoreCase ? (key) => key.toLowerCase().includes(needle) : (key) => key.includes(needle);
}

/** A glob's literal start ("reports/2024/" of "reports/2024/*.csv") narrows the listing, so less is scanned. */
function narrowScopes(scopes: Scope[], glob: string | undefined): Scope[] {
  if (glob === undefined) return scopes;
  const special = glob.search(GLOB_SPECIAL);
  const literal = special === -1 ? glob : glob.slice(0, special);
  const folder = literal.slice(0, literal.lastIndexOf('/') + 1);
  if (folder === '') return scopes;
  const out: Scope[] = [];
  for (const scope of scopes) {
    if (folder.startsWith(scope.prefix)) out.push({ bucket: scope.bucket, prefix: folder });
    else if (scope.prefix.startsWith(folder)) out.push(scope);
  }
  return out;
}
