import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
const repo = '/work/main';
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, level: 'silent', child() { return silent; } };
const { createDbServer } = await import(resolve(repo, 'plugins/db/dist/server.js'));
const server = await createDbServer({ name: 'bench', entry: { type: 'db', url: 'postgres://postgres@127.0.0.1:5432/mcpctl_bench' } }, { logger: silent, baseDir: repo });
const [c, s] = InMemoryTransport.createLinkedPair();
await server.connect(s);
const client = new Client({ name: 'b', version: '1' });
await client.connect(c);
for (let r = 0; r < 4; r++) {
  const t = performance.now();
  let page = (await client.callTool({ name: 'query', arguments: { sql: 'SELECT * FROM bench_1m WHERE id <= 100000 ORDER BY id' } })).structuredContent;
  while (page.nextCursor) page = (await client.callTool({ name: 'query', arguments: { cursor: page.nextCursor } })).structuredContent;
  console.log(performance.now() - t);
}
await client.close(); await server.close();
