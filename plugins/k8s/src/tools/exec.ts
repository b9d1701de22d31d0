import { defineTool, type Tool } from '@mcpctl/toolkit';
import type { Cluster } from '../cluster.js';
import { contextProperty, nameProperty, namespaceProperty } from './common.js';

interface Input {
  context?: string;
  pod: string;
  namespace?: string;
  container?: string;
  command: string[];
  stdin?: string;
  timeoutSeconds: number;
}

type Output = {
  pod: string;
  namespace: string;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  truncated: boolean;
  timedOut: boolean;
};

/** Run a command in a container: argv as an array (no shell unless the caller names one), output capped, a timeout. */
export function execTool(cluster: Cluster): Tool {
  return defineTool<Input, Output>({
    name: 'exec',
    title: 'Run a command in a container',
    description: 'Run a command in a pod\'s container and return stdout, stderr and the exit code. command is an argv array (["ls", "-l", "/"]): nothing is parsed by a shell unless you run one. Output is capped at the byte budget; the command is stopped at timeoutSeconds.',
    tier: 'destructive',
    timeoutMs: 620_000,
    inputSchema: {
      type: 'object',
      properties: {
        ...contextProperty(cluster),
        pod: nameProperty('Pod name.'),
        namespace: namespaceProperty,
        container: nameProperty('Container (default: the pod\'s default container).'),
        command: { type: 'array', minItems: 1, maxItems: 256, items: { type: 'string', maxLength: 65_536 }, description: 'argv: the program and its arguments.' },
        stdin: { type: 'string', maxLength: 1024 * 1024, description: 'Text for the command\'s standard input (closed afterwards).' },
        timeoutSeconds: { type: 'integer', minimum: 1, maximum: 600, default: 30 },
      },
      required: ['pod', 'command'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        pod: { type: 'string' }, namespace: { type: 'string' }, stdout: { type: 'string' }, stderr: { type: 'string' },
        exitCode: { type: ['integer', 'null'] }, truncated: { type: 'boolean' }, timedOut: { type: 'boolean' },
      },
      required: ['pod', 'namespace', 'stdout', 'stderr', 'exitCode', 'truncated', 'timedOut'],
    },
    async handler(input, ctx) {
      const client = cluster.client(input.context);
      const namespace = input.namespace ?? cluster.defaultNamespace(client);
      await client.requireCan('create', await client.resolve('pods', 'v1'), namespace, input.pod, 'exec', ctx.signal);
      // Output is carried twice (structured and text).
      const maxBytes = Math.max(1024, Math.floor((ctx.budget.remaining - 4096) / 2));
      const outcome = await client.exec(namespace, input.pod, {
        ...(input.container ? { container: input.container } : {}),
        command: input.command,
        ...(input.stdin !== undefined ? { stdin: input.stdin } : {}),
        maxBytes,
        timeoutMs: input.timeoutSeconds * 1000,
        signal: ctx.signal,
      });
      ctx.budget.take(2 * (Buffer.byteLength(outcome.stdout) + Buffer.byteLength(outcome.stderr)));
      return { pod: input.pod, namespace, ...outcome };
    },
    render: (out) => [out.stdout, out.stderr ? `[stderr]\n${out.stderr}` : '', `[exit ${out.exitCode ?? 'unknown'}${out.timedOut ? ', timed out' : ''}${out.truncated ? ', output cut' : ''}]`].filter((s) => s !== '').join('\n'),
  });
}
