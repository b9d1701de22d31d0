import type { McpTransport } from '@mcpctl/kernel';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

/**
 * An SDK transport (the server's stdio or HTTP one, or an in-memory pair
 * for a hosted server) as the kernel's structural McpTransport. They are
 * the same object at runtime; TypeScript only disagrees on `onmessage`'s
 * parameter (the SDK's JSONRPCMessage union is narrower than the kernel's
 * loose JsonRpcMessage), so the conversion lives here, once.
 */
export function asKernelTransport(transport: Transport): McpTransport {
  return transport as unknown as McpTransport;
}
