/**
 * @mcpctl/toolkit/json-lines — newline-delimited framing: the MCP stdio
 * framing (a reader, a writer, and a transport over streams) and the plain
 * line decoder under it. No MCP SDK.
 */
export { DEFAULT_MAX_LINE_BYTES, LineDecoder } from './line-decoder.js';
export { encodeJsonRpcLine, InvalidJsonRpcLine, JsonRpcLineReader, type DecodedLine } from './json-rpc-lines.js';
export { StreamTransport, writeLine } from './stream-transport.js';
