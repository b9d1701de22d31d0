import type { JsonRpcMessage, McpTransport } from '@mcpctl/kernel';

/**
 * Sits between the SDK client and a transport: forwards everything, and
 * remembers the protocol version the server agreed to (the SDK client sets
 * it on HTTP transports only) and the first transport error.
 */
export class ObservedTransport implements McpTransport {
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: ((message: JsonRpcMessage, extra?: unknown) => void) | undefined;
  protocolVersion: string | undefined;
  /** Called for each error the transport reports (parse errors, dropped streams…). */
  onTransportError?: (error: Error) => void;

  constructor(readonly inner: McpTransport) {
    inner.onmessage = (message, extra) => this.onmessage?.(message, extra);
    inner.onclose = () => this.onclose?.();
    inner.onerror = (error) => {
      this.onTransportError?.(error);
      this.onerror?.(error);
    };
  }

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  send(message: JsonRpcMessage, options?: unknown): Promise<void> {
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
    this.inner.setProtocolVersion?.(version);
  }
}
