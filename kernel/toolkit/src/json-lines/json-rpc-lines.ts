import type { JsonRpcMessage } from '@mcpctl/kernel';
import { LineDecoder } from './line-decoder.js';

/** A line that is not a JSON-RPC 2.0 message (or is longer than the limit). */
export class InvalidJsonRpcLine extends Error {
  override readonly name = 'InvalidJsonRpcLine';
}

/** One decoded line: a JSON-RPC 2.0 message, or why the line is not one. */
export type DecodedLine = { message: JsonRpcMessage } | { error: InvalidJsonRpcLine };

/**
 * The MCP stdio framing, reading side: one JSON-RPC message per line. A line
 * that is not JSON-RPC 2.0 (a server printing to stdout) is reported, and
 * reading carries on.
 */
export class JsonRpcLineReader {
  private readonly decoder: LineDecoder;

  constructor(maxLineBytes?: number) {
    this.decoder = new LineDecoder(maxLineBytes);
  }

  push(chunk: Buffer): DecodedLine[] {
    let lines: string[];
    try {
      lines = this.decoder.push(chunk);
    } catch (error) {
      this.decoder.reset();
      return [{ error: new InvalidJsonRpcLine((error as Error).message) }];
    }
    return lines.map(parseLine);
  }

  reset(): void {
    this.decoder.reset();
  }
}

/** The MCP stdio framing, writing side. */
export function encodeJsonRpcLine(message: JsonRpcMessage): string {
  return `${JSON.stringify(message)}\n`;
}

function parseLine(line: string): DecodedLine {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return { error: new InvalidJsonRpcLine(`not a JSON-RPC message: ${line.slice(0, 200)}`) };
  }
  if (typeof message === 'object' && message !== null && !Array.isArray(message) && (message as JsonRpcMessage).jsonrpc === '2.0') return { message: message as JsonRpcMessage };
  return { error: new InvalidJsonRpcLine(`not a JSON-RPC 2.0 message: ${line.slice(0, 200)}`) };
}
