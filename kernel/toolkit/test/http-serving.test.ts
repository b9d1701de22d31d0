import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyError, close, listen, originOf, readJsonBody } from '../src/http/index.js';

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => close(server)));
});

/** A server on 127.0.0.1 that answers with what readJsonBody made of the request. */
async function echoBodies(limit: number): Promise<string> {
  const server = createServer((request, response) => {
    readJsonBody(request, limit).then(
      (body) => response.writeHead(200).end(JSON.stringify(body)),
      (error: unknown) => response.writeHead(error instanceof BodyError ? error.status : 500).end((error as Error).message),
    );
  });
  servers.push(server);
  return originOf(await listen(server, 0, '127.0.0.1'));
}

describe('readJsonBody, listen', () => {
  it('parses JSON, answers 400 for anything else and 413 over the limit', async () => {
    const origin = await echoBodies(64);
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ok = await fetch(origin, { method: 'POST', body: '{"a":1}' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ a: 1 });
    expect((await fetch(origin, { method: 'POST', body: 'nope' })).status).toBe(400);
    const big = await fetch(origin, { method: 'POST', body: JSON.stringify({ text: 'x'.repeat(200) }) });
    expect(big.status).toBe(413);
  });

  it('rejects with the listen error when the port is taken', async () => {
    const first = createServer();
    servers.push(first);
    const address = await listen(first, 0, '127.0.0.1');
    const second = createServer();
    await expect(listen(second, address.port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('puts IPv6 addresses in brackets', () => {
    expect(originOf({ address: '::1', port: 80, family: 'IPv6' })).toBe('http://[::1]:80');
  });
});
