import type { JsonRpcMessage, McpTransport } from '@mcpctl/kernel';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';

/**
 * Sits between the SDK client and a transport built by any plugin: forwards
 * everything, and remembers the protocol version the server agreed to (the
 * SDK client sets it on HTTP transports only) and reports transport errors.
 * It is also where the kernel's structural transport type meets the SDK's.
 */
export class ObservedTransport implements Transport {
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: (<T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void) | undefined;
  protocolVersion: string | undefined;
  /** Called for each error the transport reports (parse errors, dropped streams…). */
  onTransportError?: (error: Error) => void;

  constructor(readonly inner: McpTransport) {
    // The kernel's JsonRpcMessage is the SDK's JSONRPCMessage, structurally reduced.
    inner.onmessage = (message, extra) => this.onmessage?.(message as unknown as JSONRPCMessage, extra as MessageExtraInfo | undefined);
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

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(message as JsonRpcMessage, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
    this.inner.setProtocolVersion?.(version);
  }
}
