import type { Readable, Writable } from 'node:stream';
import type { JsonRpcMessage, McpTransport } from '@mcpctl/kernel';
import { LineDecoder } from '../rpc/line-decoder.js';

/**
 * The MCP stdio framing (one JSON-RPC message per line) over the pipes of a
 * child the supervisor spawned itself — the SDK's stdio transport would
 * spawn the process on its own, out of reach of process groups and logs.
 */
export class StreamTransport implements McpTransport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JsonRpcMessage) => void;
  protocolVersion: string | undefined;
  private decoder = new LineDecoder();
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
    return new Promise((resolve, reject) => {
      const text = JSON.stringify(message) + '\n';
      if (this.output.write(text)) resolve();
      else {
        const onDrain = (): void => {
          this.output.off('error', onError);
          resolve();
        };
        const onError = (error: Error): void => {
          this.output.off('drain', onDrain);
          reject(error);
        };
        this.output.once('drain', onDrain);
        this.output.once('error', onError);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.input.off('data', this.onData);
    this.input.off('error', this.onStreamError);
    this.input.off('close', this.onStreamClose);
    this.output.off('error', this.onStreamError);
    this.decoder = new LineDecoder();
    this.onclose?.();
  }

  private readonly onData = (chunk: Buffer): void => {
    let lines: string[];
    try {
      lines = this.decoder.push(chunk);
    } catch (error) {
      this.decoder = new LineDecoder();
      this.onerror?.(error as Error);
      return;
    }
    for (const line of lines) {
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        // A server printing to stdout: report it, keep going.
        this.onerror?.(new Error(`not a JSON-RPC message: ${line.slice(0, 200)}`));
        continue;
      }
      if (typeof message === 'object' && message !== null && (message as JsonRpcMessage).jsonrpc === '2.0') this.onmessage?.(message as JsonRpcMessage);
      else this.onerror?.(new Error(`not a JSON-RPC 2.0 message: ${line.slice(0, 200)}`));
    }
  };

  private readonly onStreamError = (error: Error): void => {
    this.onerror?.(error);
  };

  private readonly onStreamClose = (): void => {
    void this.close();
  };
}
