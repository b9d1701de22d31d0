import { ExitCode, isMcpctlError, type McpctlError } from '@mcpctl/kernel';
import type { Streams } from './io.js';

/**
 * Prints a failure: a coded error as "error CODE: message" plus its hint on
 * stderr (or one JSON object `{ code, message, hint }` on stdout with --json). A stack trace (of
 * the error, or of a coded error's cause) only at debug level.
 */
export function reportError(error: unknown, streams: Streams, options: { json: boolean; debug: boolean }): number {
  const coded = isMcpctlError(error) ? error : undefined;
  if (options.json) {
    const body = coded ? coded.toJSON() : { code: 'MCPCTL_INTERNAL', message: describe(error), hint: 'This is a bug in mcpctl or a plugin; run with --log-level debug and report it.' };
    streams.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    streams.stderr.write(coded ? formatCoded(coded) : `error: ${describe(error)}\n  hint: this is a bug in mcpctl or a plugin; run with --log-level debug and report it\n`);
  }
  if (options.debug) {
    const stack = (coded?.cause ?? error) instanceof Error ? ((coded?.cause ?? error) as Error).stack : undefined;
    if (stack) streams.stderr.write(`${stack}\n`);
  }
  return coded ? coded.exitCode : ExitCode.FAILURE;
}

function formatCoded(error: McpctlError): string {
  const lines = [`error ${error.code}: ${error.message}`];
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return `${lines.join('\n')}\n`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
