import type { AuthChallenge } from '@mcpctl/kernel';
import { describe, expect, it } from 'vitest';
import { createHttpFetch } from '../../src/transports/http-fetch.js';

/** A fake server: answers each request with the next scripted status and records the Authorization it got. */
function scripted(statuses: Array<[number, string?]>) {
  const seen: Array<string | null> = [];
  const fetch = (async (_input: string | URL | Request, init: RequestInit = {}) => {
    seen.push(new Headers(init.headers).get('authorization'));
    const [status, challenge] = statuses.shift() ?? [200];
    return new Response(status === 200 ? '{}' : 'no', { status, headers: challenge ? { 'WWW-Authenticate': challenge } : {} });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const retry = { tries: 1, baseMs: 0, maxMs: 0 };
const post = { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: {} }) };

describe('ClientAuth.challenge through the HTTP fetch', () => {
  it('hands a 401 to the auth method and sends the request once more with fresh headers', async () => {
    const server = scripted([[401, 'Bearer resource_metadata="https://h/.well-known/oauth-protected-resource"']]);
    let token = 'old';
    const challenges: AuthChallenge[] = [];
    const fetch = createHttpFetch({
      retry, fetch: server.fetch,
      authHeaders: ({ url }) => ({ Authorization: `Bearer ${token}@${new URL(url).pathname}` }),
      authChallenge: async (challenge) => { challenges.push(challenge); token = 'new'; return true; },
    });
    const response = await fetch('https://h/mcp', post);
    expect(response.status).toBe(200);
    expect(server.seen).toEqual(['Bearer old@/mcp', 'Bearer new@/mcp']);
    expect(challenges).toEqual([{ status: 401, wwwAuthenticate: 'Bearer resource_metadata="https://h/.well-known/oauth-protected-resource"', url: 'https://h/mcp' }]);
  });

  it('asks at most once per request, and leaves the refusal when the method declines', async () => {
    const server = scripted([[401, 'Bearer'], [401, 'Bearer']]);
    let asked = 0;
    const fetch = createHttpFetch({ retry, fetch: server.fetch, authHeaders: () => ({}), authChallenge: async () => { asked++; return true; } });
    expect((await fetch('https://h/mcp', post)).status).toBe(401);
    expect(asked).toBe(1);
    const declined = scripted([[401, 'Bearer']]);
    const fetch2 = createHttpFetch({ retry, fetch: declined.fetch, authChallenge: async () => false });
    expect((await fetch2('https://h/mcp', post)).status).toBe(401);
    expect(declined.seen).toHaveLength(1);
  });

  it('passes a 403 only when it carries a challenge (insufficient_scope), and lets a thrown coded error through', async () => {
    const bare = scripted([[403]]);
    let asked = 0;
    const fetch = createHttpFetch({ retry, fetch: bare.fetch, authChallenge: async () => { asked++; return true; } });
    expect((await fetch('https://h/mcp', post)).status).toBe(403);
    expect(asked).toBe(0);
    const scoped = scripted([[403, 'Bearer error="insufficient_scope", scope="files:write"']]);
    const failing = createHttpFetch({ retry, fetch: scoped.fetch, authChallenge: async () => { throw Object.assign(new Error('step-up refused'), { code: 'X' }); } });
    await expect(failing('https://h/mcp', post)).rejects.toThrow('step-up refused');
  });
});
