import type { Readable, Writable } from 'node:stream';
import type { JsonRpcMessage, McpTransport } from '@mcpctl/kernel';
import { encodeJsonRpcLine, JsonRpcLineReader } from './json-rpc-lines.js';

/**
 * An MCP transport over a pair of streams someone else owns (the pipes of a
 * child spawned with `spawnGroup`): the stdio framing, nothing else. It
 * closes when the input stream closes; closing it detaches, and leaves the
 * streams and the process to their owner.
 */
export class StreamTransport implements McpTransport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JsonRpcMessage) => void;
  protocolVersion: string | undefined;
  private reader = new JsonRpcLineReader();
  private closed = false;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
  ) {}

  async start(): Promise<void> {
    this.input.on('data', this.onData);
    this.input.on('error', this.onStreamError);
    this.input.once('close', this.onStreamClose);
    this.output.on('error', this.onStreamError);
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
  }

  send(message: JsonRpcMessage): Promise<void> {
    if (this.closed) return Promise.reject(new Error('transport closed'));
    return writeLine(this.output, encodeJsonRpcLine(message));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.input.off('data', this.onData);
    this.input.off('error', this.onStreamError);
    this.input.off('close', this.onStreamClose);
    this.output.off('error', this.onStreamError);
    this.reader.reset();
    this.onclose?.();
  }

  private readonly onData = (chunk: Buffer): void => {
    for (const decoded of this.reader.push(chunk)) {
      if ('message' in decoded) this.onmessage?.(decoded.message);
      else this.onerror?.(decoded.error);
    }
  };

  private readonly onStreamError = (error: Error): void => {
    this.onerror?.(error);
  };

  private readonly onStreamClose = (): void => {
    void this.close();
  };
}

/** Write, waiting for 'drain' when the stream's buffer is full. */
export function writeLine(output: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (output.write(text)) return resolve();
    const onDrain = (): void => {
      output.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      output.off('drain', onDrain);
      reject(error);
    };
    output.once('drain', onDrain);
    output.once('error', onError);
  });
}
