import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  createToolServer,
  defineResource,
  defineResourceTemplate,
  defineTool,
  ERROR_META_KEY,
  paginate,
  pageInputProperties,
  pageOutputProperties,
  ToolError,
  type AccessTier,
  type ToolContext,
} from '../src/index.js';
import { connect } from './helpers.js';

const echo = defineTool<{ text: string; times: number }, { echoed: string }>({
  name: 'echo',
  description: 'Echo text',
  tier: 'read',
  inputSchema: {
    type: 'object',
    properties: { text: { type: 'string' }, times: { type: 'integer', minimum: 1, default: 1 } },
    required: ['text'],
    additionalProperties: false,
  },
  outputSchema: { type: 'object', properties: { echoed: { type: 'string' } }, required: ['echoed'] },
  handler: ({ text, times }) => ({ echoed: text.repeat(times) }),
  render: (output) => output.echoed,
});

let seenAccess: AccessTier | undefined;
const save = defineTool<{ overwrite?: boolean }, { saved: boolean }>({
  name: 'save',
  description: 'Pretend to save',
  tier: 'write',
  idempotent: true,
  inputSchema: { type: 'object', properties: { overwrite: { type: 'boolean' } } },
  outputSchema: { type: 'object', properties: { saved: { type: 'boolean' } }, required: ['saved'] },
  handler: ({ overwrite }, ctx) => {
    seenAccess = ctx.access;
    // The handler enforces the tier where the operation runs, too.
    if (overwrite) ctx.requireAccess('destructive', 'overwriting');
    return { saved: true };
  },
});

const wipe = defineTool<Record<string, never>, { wiped: boolean }>({
  name: 'wipe',
  description: 'Pretend to wipe',
  tier: 'destructive',
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object', properties: { wiped: { type: 'boolean' } }, required: ['wiped'] },
  handler: () => ({ wiped: true }),
});

const liar = defineTool<Record<string, never>, Record<string, unknown>>({
  name: 'liar',
  description: 'Returns output that breaks its schema',
  tier: 'read',
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
  handler: () => ({ n: 'not a number' }),
});

let lastSignal: AbortSignal | undefined;
const slow = defineTool<{ ms: number }, { done: boolean }>({
  name: 'slow',
  description: 'Waits, reporting progress',
  tier: 'read',
  timeoutMs: 300,
  inputSchema: { type: 'object', properties: { ms: { type: 'integer' } }, required: ['ms'] },
  outputSchema: { type: 'object', properties: { done: { type: 'boolean' } }, required: ['done'] },
  handler: async ({ ms }, ctx: ToolContext) => {
    lastSignal = ctx.signal;
    ctx.progress(1, 2, 'halfway');
    await new Promise((resolve) => setTimeout(resolve, ms));
    ctx.progress(2, 2);
    return { done: true };
  },
});

const big = defineTool<Record<string, never>, { data: string }>({
  name: 'big',
  description: 'Ignores its budget',
  tier: 'read',
  maxResultBytes: 10,
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object', properties: { data: { type: 'string' } }, required: ['data'] },
  handler: () => ({ data: 'x'.repeat(200_000) }),
});

const failing = defineTool<Record<string, never>, Record<string, never>>({
  name: 'failing',
  description: 'Fails with a coded error',
  tier: 'read',
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object' },
  handler: () => {
    throw new ToolError('NOT_FOUND', 'no such thing', { hint: 'look elsewhere' });
  },
});

const numbers = Array.from({ length: 25 }, (_, i) => i);
const listNumbers = defineTool<{ cursor?: string; limit?: number }, { items: number[]; nextCursor?: string; truncated: boolean }>({
  name: 'numbers',
  description: 'Pages numbers',
  tier: 'read',
  inputSchema: { type: 'object', properties: { ...pageInputProperties({ defaultLimit: 10, maxLimit: 20 }) } },
  outputSchema: { type: 'object', properties: { items: { type: 'array', items: { type: 'integer' } }, ...pageOutputProperties }, required: ['items', 'truncated'] },
  handler: (input) => paginate(numbers, input, { defaultLimit: 10, maxLimit: 20 }),
});

const rootsTool = defineTool<Record<string, never>, { roots: string[] | null }>({
  name: 'roots',
  description: 'Shows client roots',
  tier: 'read',
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object', properties: { roots: { type: ['array', 'null'], items: { type: 'string' } } }, required: ['roots'] },
  handler: async (_input, ctx) => ({ roots: (await ctx.clientRoots())?.map((root) => root.uri) ?? null }),
});

const tools = [echo, save, wipe, liar, slow, big, failing, listNumbers, rootsTool];

function build(access?: AccessTier, extra: Partial<Parameters<typeof createToolServer>[0]> = {}) {
  return createToolServer({ name: 'test-server', version: '1.2.3', entryName: 'files', instructions: 'Be nice', access, tools, ...extra });
}

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
async function client(access?: AccessTier, extra?: Partial<Parameters<typeof createToolServer>[0]>, options?: Parameters<typeof connect>[1]) {
  const c = await connect(build(access, extra), options);
  clients.push(c);
  return c;
}

function errorOf(result: Awaited<ReturnType<Client['callTool']>>): { text: string; code: unknown } {
  const content = result.content as Array<{ type: string; text?: string }>;
  const meta = result._meta?.[ERROR_META_KEY] as { code?: string } | undefined;
  return { text: content[0]?.text ?? '', code: meta?.code };
}

describe('createToolServer', () => {
  it('lists tools with schemas, tier annotations and instructions', async () => {
    const c = await client();
    expect(c.getServerVersion()).toMatchObject({ name: 'test-server', version: '1.2.3' });
    expect(c.getInstructions()).toBe('Be nice');
    const { tools: listed } = await c.listTools();
    expect(listed.map((tool) => tool.name)).toEqual(tools.map((tool) => tool.name));
    const byName = new Map(listed.map((tool) => [tool.name, tool]));
    expect(byName.get('echo')?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
    expect(byName.get('save')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true });
    expect(byName.get('wipe')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('wipe')?.description).toContain('needs access: destructive');
    expect(byName.get('echo')?.outputSchema).toMatchObject({ required: ['echoed'] });
  });

  it('returns structuredContent and a text rendering, with schema defaults applied', async () => {
    const c = await client();
    const result = await c.callTool({ name: 'echo', arguments: { text: 'ab' } });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ echoed: 'ab' });
    expect(result.content).toEqual([{ type: 'text', text: 'ab' }]);
  });

  it('reports invalid arguments as a tool error', async () => {
    const c = await client();
    const result = await c.callTool({ name: 'echo', arguments: { text: 'a', times: 0, extra: 1 } });
    expect(result.isError).toBe(true);
    const { text, code } = errorOf(result);
    expect(code).toBe('INVALID_ARGUMENTS');
    expect(text).toContain('/times must be >= 1');
    expect(text).toContain('unknown property "extra"');
  });

  it('refuses a tool above the entry tier, naming the setting to change', async () => {
    const c = await client('read');
    const result = await c.callTool({ name: 'save', arguments: {} });
    expect(result.isError).toBe(true);
    const { text, code } = errorOf(result);
    expect(code).toBe('ACCESS_DENIED');
    expect(text).toContain('save needs access: write on server files (currently read)');
    expect(text).toContain('access: write');
    const wiped = await c.callTool({ name: 'wipe', arguments: {} });
    expect(errorOf(wiped).text).toContain('wipe needs access: destructive on server files (currently read)');
  });

  it('hands the granted tier to the handler, which enforces it where the operation runs', async () => {
    const c = await client('write');
    const ok = await c.callTool({ name: 'save', arguments: {} });
    expect(ok.structuredContent).toEqual({ saved: true });
    expect(seenAccess).toBe('write');
    const over = await c.callTool({ name: 'save', arguments: { overwrite: true } });
    expect(errorOf(over).text).toContain('overwriting needs access: destructive on server files (currently write)');
    const d = await client('destructive');
    expect((await d.callTool({ name: 'save', arguments: { overwrite: true } })).structuredContent).toEqual({ saved: true });
    expect((await d.callTool({ name: 'wipe', arguments: {} })).structuredContent).toEqual({ wiped: true });
  });

  it('never returns output that breaks the output schema', async () => {
    const c = await client();
    const result = await c.callTool({ name: 'liar', arguments: {} });
    expect(result.isError).toBe(true);
    expect(errorOf(result).code).toBe('INVALID_OUTPUT');
    expect(result.structuredContent).toBeUndefined();
  });

  it('passes tool errors through with code and hint', async () => {
    const c = await client();
    const result = await c.callTool({ name: 'failing', arguments: {} });
    expect(errorOf(result)).toEqual({ text: 'no such thing\nHint: look elsewhere', code: 'NOT_FOUND' });
  });

  it('fails an unknown tool as a protocol error', async () => {
    const c = await client();
    await expect(c.callTool({ name: 'nope', arguments: {} })).rejects.toThrow(/Unknown tool: nope/);
  });

  it('times a call out and aborts its signal', async () => {
    const c = await client();
    const result = await c.callTool({ name: 'slow', arguments: { ms: 2000 } });
    expect(errorOf(result).code).toBe('TIMEOUT');
    expect(lastSignal?.aborted).toBe(true);
  });

  it('honours client cancellation', async () => {
    const c = await client();
    const controller = new AbortController();
    const call = c.callTool({ name: 'slow', arguments: { ms: 250 } }, undefined, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    await expect(call).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lastSignal?.aborted).toBe(true);
  });

  it('reports progress when asked', async () => {
    const c = await client();
    const seen: number[] = [];
    const result = await c.callTool({ name: 'slow', arguments: { ms: 10 } }, undefined, { onprogress: (p) => void seen.push(p.progress) });
    expect(result.structuredContent).toEqual({ done: true });
    expect(seen).toEqual([1, 2]);
  });

  it('refuses a result far over its byte budget', async () => {
    const c = await client();
    const result = await c.callTool({ name: 'big', arguments: {} });
    expect(errorOf(result).code).toBe('RESULT_TOO_LARGE');
  });

  it('pages with cursors', async () => {
    const c = await client();
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await c.callTool({ name: 'numbers', arguments: { limit: 10, ...(cursor ? { cursor } : {}) } });
      const page = result.structuredContent as { items: number[]; nextCursor?: string; truncated: boolean };
      seen.push(...page.items);
      expect(page.truncated).toBe(page.nextCursor !== undefined);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(numbers);
    expect(pages).toBe(3);
    const bad = await c.callTool({ name: 'numbers', arguments: { cursor: 'garbage!' } });
    expect(errorOf(bad).code).toBe('INVALID_CURSOR');
  });

  it('reads client roots and re-reads them on roots/list_changed', async () => {
    let roots = [{ uri: 'file:///a', name: 'a' }];
    let asked = 0;
    const c = await client(undefined, {}, { capabilities: { roots: { listChanged: true } } });
    c.setRequestHandler(ListRootsRequestSchema, () => {
      asked++;
      return { roots };
    });
    expect((await c.callTool({ name: 'roots', arguments: {} })).structuredContent).toEqual({ roots: ['file:///a'] });
    expect((await c.callTool({ name: 'roots', arguments: {} })).structuredContent).toEqual({ roots: ['file:///a'] });
    expect(asked).toBe(1);
    roots = [{ uri: 'file:///b', name: 'b' }];
    await c.sendRootsListChanged();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await c.callTool({ name: 'roots', arguments: {} })).structuredContent).toEqual({ roots: ['file:///b'] });
    expect(asked).toBe(2);
  });

  it('reports no client roots when the client offers none', async () => {
    const c = await client();
    expect((await c.callTool({ name: 'roots', arguments: {} })).structuredContent).toEqual({ roots: null });
  });
});

describe('resources', () => {
  const readme = defineResource({ uri: 'mem://readme', name: 'readme', mimeType: 'text/plain', read: () => [{ uri: 'mem://readme', mimeType: 'text/plain', text: 'hello' }] });
  const items = defineResourceTemplate({
    uriTemplate: 'mem://items/{id}',
    name: 'item',
    mimeType: 'application/json',
    list: async (cursor) => {
      const start = cursor ? Number(cursor) : 0;
      const resources = [start, start + 1].filter((i) => i < 3).map((i) => ({ uri: `mem://items/${i}`, name: `item ${i}` }));
      return start + 2 < 3 ? { resources, nextCursor: String(start + 2) } : { resources };
    },
    read: async (uri, variables) => {
      if (variables.id === 'missing') throw new ToolError('NOT_FOUND', `no item ${String(variables.id)}`);
      return [{ uri, mimeType: 'application/json', text: JSON.stringify({ id: variables.id }) }];
    },
  });

  it('lists fixed resources and template pages, reads both, and reports unknown URIs', async () => {
    const c = await client(undefined, { resources: [readme], resourceTemplates: [items] });
    const uris: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.listResources(cursor ? { cursor } : {});
      uris.push(...page.resources.map((resource) => resource.uri));
      cursor = page.nextCursor;
    } while (cursor);
    expect(uris).toEqual(['mem://readme', 'mem://items/0', 'mem://items/1', 'mem://items/2']);
    expect((await c.listResourceTemplates()).resourceTemplates).toEqual([{ uriTemplate: 'mem://items/{id}', name: 'item', mimeType: 'application/json' }]);
    expect((await c.readResource({ uri: 'mem://readme' })).contents).toEqual([{ uri: 'mem://readme', mimeType: 'text/plain', text: 'hello' }]);
    expect((await c.readResource({ uri: 'mem://items/7' })).contents[0]).toMatchObject({ text: '{"id":"7"}' });
    await expect(c.readResource({ uri: 'mem://other' })).rejects.toMatchObject({ code: -32002 });
    await expect(c.readResource({ uri: 'mem://items/missing' })).rejects.toMatchObject({ code: -32002 });
    await expect(c.listResources({ cursor: 'bogus!' })).rejects.toThrow(/Invalid cursor/);
  });
});

describe('defineTool', () => {
  it('rejects bad definitions at start-up', () => {
    const base = { description: 'x', tier: 'read' as const, inputSchema: { type: 'object' as const }, outputSchema: { type: 'object' as const }, handler: () => ({}) };
    expect(() => defineTool({ ...base, name: 'has space' })).toThrow(/Tool name/);
    expect(() => defineTool({ ...base, name: 'ok', tier: 'admin' as AccessTier })).toThrow(/tier/);
    expect(() => defineTool({ ...base, name: 'ok', inputSchema: { type: 'object', properties: { a: { type: 'nonsense' } } } })).toThrow();
    expect(() => createToolServer({ name: 'x', version: '1', tools: [echo, echo] })).toThrow(/defined twice/);
  });
});
