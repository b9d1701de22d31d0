import { PassThrough } from 'node:stream';
import type { JsonRpcMessage } from '@mcpctl/kernel';
import { describe, expect, it } from 'vitest';
import { encodeJsonRpcLine, InvalidJsonRpcLine, JsonRpcLineReader, LineDecoder, StreamTransport } from '../src/json-lines/index.js';

describe('JsonRpcLineReader', () => {
  it('decodes messages split across chunks and reports lines that are not JSON-RPC 2.0, then carries on', () => {
    const reader = new JsonRpcLineReader();
    expect(reader.push(Buffer.from('{"jsonrpc":"2.0","id":1,'))).toEqual([]);
    const decoded = reader.push(Buffer.from('"result":{}}\nhello\n{"id":2}\n[1]\n{"jsonrpc":"2.0","method":"x"}\n'));
    expect(decoded).toHaveLength(5);
    expect(decoded[0]).toEqual({ message: { jsonrpc: '2.0', id: 1, result: {} } });
    for (const index of [1, 2, 3]) expect((decoded[index] as { error: Error }).error).toBeInstanceOf(InvalidJsonRpcLine);
    expect((decoded[1] as { error: Error }).error.message).toBe('not a JSON-RPC message: hello');
    expect((decoded[2] as { error: Error }).error.message).toMatch(/not a JSON-RPC 2\.0 message/);
    expect(decoded[4]).toEqual({ message: { jsonrpc: '2.0', method: 'x' } });
  });

  it('refuses a line over the limit, and reads the next one', () => {
    const reader = new JsonRpcLineReader(24);
    const [tooLong] = reader.push(Buffer.from('x'.repeat(40)));
    expect((tooLong as { error: Error }).error).toBeInstanceOf(InvalidJsonRpcLine);
    expect(reader.push(Buffer.from('\n{"jsonrpc":"2.0"}\n'))).toEqual([{ message: { jsonrpc: '2.0' } }]);
  });

  it('writes one message per line', () => {
    expect(encodeJsonRpcLine({ jsonrpc: '2.0', id: 1, method: 'ping' })).toBe('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
  });

  it('LineDecoder drops blank lines and a trailing CR, and forgets a partial line on reset', () => {
    const decoder = new LineDecoder();
    expect(decoder.push(Buffer.from('a\r\n\n  \nb'))).toEqual(['a']);
    decoder.reset();
    expect(decoder.push(Buffer.from('c\n'))).toEqual(['c']);
  });
});

describe('StreamTransport', () => {
  it('frames messages over streams it does not own and closes when the input ends', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const transport = new StreamTransport(input, output);
    const received: JsonRpcMessage[] = [];
    const errors: Error[] = [];
    let closed = false;
    transport.onmessage = (message) => received.push(message);
    transport.onerror = (error) => errors.push(error);
    transport.onclose = () => (closed = true);
    await transport.start();
    await transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    expect(output.read()?.toString()).toBe('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    input.write('{"jsonrpc":"2.0","id":1,"result":{}}\nnoise\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }]);
    expect(errors.map((error) => error.message)).toEqual(['not a JSON-RPC message: noise']);
    input.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
    await expect(transport.send({ jsonrpc: '2.0', method: 'late' })).rejects.toThrow(/closed/);
  });
});
