import { defineTool, withContent, type Tool } from '@mcpctl/toolkit';
import type { Cluster } from '../cluster.js';
import { contextProperty, nameProperty, namespaceProperty } from './common.js';

interface Input {
  context?: string;
  pod: string;
  namespace?: string;
  container?: string;
  tailLines?: number;
  sinceSeconds?: number;
  previous?: boolean;
  timestamps?: boolean;
  maxBytes?: number;
}

type Output = {
  pod: string;
  namespace: string;
  container?: string;
  /** Bytes of log returned (in the second content block). */
  bytes: number;
  truncated: boolean;
};

/** Room left for the result's envelope and the structured copy's framing. */
const ENVELOPE = 4096;

/**
 * A container's log. The byte cap (maxLogBytes, the call's maxBytes, and
 * the result budget) is sent as limitBytes, so the API server stops reading
 * the log there. The log text travels once, as its own content block after a
 * one-line summary (withContent); structuredContent says what was returned.
 */
export function logsTool(cluster: Cluster): Tool {
  return defineTool<Input, Output>({
    name: 'logs',
    title: 'Pod logs',
    description: `A pod container's log: tailLines for the end, sinceSeconds for recent lines, previous for the last terminated container. Capped at maxLogBytes (${cluster.options.maxLogBytes} bytes on this server), counted from the start of what is returned.`,
    tier: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        pod: nameProperty('Pod name.'),
        namespace: namespaceProperty,
        container: nameProperty('Container (default: the only one, or the default-container annotation).'),
        tailLines: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'Only the last N lines.' },
        sinceSeconds: { type: 'integer', minimum: 1, description: 'Only lines newer than this many seconds.' },
        previous: { type: 'boolean', description: 'The previous (terminated) instance of the container.' },
        timestamps: { type: 'boolean', description: 'Prefix each line with its RFC 3339 timestamp.' },
        maxBytes: { type: 'integer', minimum: 1, description: 'Fewer bytes than the server\'s cap.' },
      },
      required: ['pod'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { pod: { type: 'string' }, namespace: { type: 'string' }, container: { type: 'string' }, bytes: { type: 'integer', description: 'Bytes of log in the second content block.' }, truncated: { type: 'boolean' } },
      required: ['pod', 'namespace', 'bytes', 'truncated'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const namespace = input.namespace ?? cluster.defaultNamespace(client);
      const cap = Math.max(1, Math.min(cluster.options.maxLogBytes, input.maxBytes ?? Number.MAX_SAFE_INTEGER, ctx.budget.remaining - ENVELOPE));
      const query = {
        container: input.container,
        tailLines: input.tailLines,
        sinceSeconds: input.sinceSeconds,
        previous: input.previous || undefined,
        timestamps: input.timestamps || undefined,
        // One byte more than the cap tells a log of exactly the cap from a longer one.
        limitBytes: cap + 1,
      };
      const log = await client.logs(namespace, input.pod, query, cap, ctx.signal);
      // A cut may land inside a UTF-8 character: drop the partial one.
      const text = log.truncated ? log.text.replace(/\uFFFD$/, '') : log.text;
      ctx.budget.take(log.bytes);
      const output = { pod: input.pod, namespace, ...(input.container ? { container: input.container } : {}), bytes: log.bytes, truncated: log.truncated };
      return withContent(output, [{ type: 'text', text }]);
    },
    render: (out) => `log of pod ${out.namespace}/${out.pod}${out.container ? ` container ${out.container}` : ''}: ${out.bytes} bytes${out.truncated ? ' (cut at the byte cap; use tailLines or sinceSeconds for the end)' : ''}`,
  });
}
