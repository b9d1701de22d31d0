import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../src/client/connect.js';
import { resolveTarget } from '../../src/client/target.js';
import { FIXTURES, FIXTURE_SERVER, startHttpServer, type HttpServer } from './helpers.js';
import { testKernel } from './test-kernel.js';

const RETRY_MS = 400;

describe('Streamable HTTP resumption', () => {
  let upstream: HttpServer;
  let proxy: HttpServer;
  beforeAll(async () => {
    upstream = await startHttpServer(FIXTURE_SERVER, ['--http'], { FIXTURE_STATEFUL: String(RETRY_MS) });
    proxy = await startHttpServer(`${FIXTURES}/cutting-proxy.mjs`, [upstream.url]);
  });
  afterAll(async () => {
    await Promise.all([proxy?.close(), upstream?.close()]);
  });

  it("resumes a dropped response stream with Last-Event-ID after the server's retry interval", async () => {
    // Our own backoff would reconnect after ~50ms: waiting ~400ms shows the server's `retry` won.
    const kernel = await testKernel({ cut: { type: 'http', url: `${proxy.url}/mcp`, retry: { tries: 3, baseMs: 50 } } });
    const session = await openSession(kernel, await resolveTarget(kernel, 'cut', {}), { timeoutMs: 15_000 });
    try {
      const progress: number[] = [];
      const result = await session.request<{ content: Array<{ text: string }> }>(
        'tools/call',
        { name: 'slow', arguments: { steps: 4, stepMs: 150 } },
        { onProgress: (p) => progress.push(p.progress) },
      );
      expect(result.content[0]!.text).toBe('done after 4 steps');
      expect(progress).toEqual([1, 2, 3, 4]);
      const log = proxy.output();
      const cutAt = Number(/CUT at (\d+)/.exec(log)?.[1]);
      const resumedAt = Number(/GET last-event-id=\S+ at (\d+)/.exec(log)?.[1]);
      expect(resumedAt - cutAt).toBeGreaterThanOrEqual(RETRY_MS - 50);
    } finally {
      await session.close();
    }
  });
});
