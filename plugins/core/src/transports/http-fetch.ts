import type { AuthChallenge, Logger } from '@mcpctl/kernel';
import { sleep } from '@mcpctl/toolkit/timeout';
import { backoffDelay, isRetryableStatus, isSafeMethod, parseRetryAfter, type RetryPolicy } from './retry-policy.js';

type Fetch = typeof fetch;

export interface HttpFetchOptions {
  /** Static headers from the entry / --header. */
  headers?: Record<string, string>;
  /** Per-request headers from the auth method (secrets: never logged). */
  authHeaders?: (request: { url: string }) => Promise<Record<string, string>> | Record<string, string>;
  /** The auth method's answer to a 401 / challenged 403: true = send the request once more (ClientAuth.challenge). */
  authChallenge?: (challenge: AuthChallenge) => Promise<boolean>;
  retry: RetryPolicy;
  logger?: Logger;
  label?: string;
  /** The underlying fetch (tests). */
  fetch?: Fetch;
  /** Told the WWW-Authenticate header of every 401 (for error messages). */
  onChallenge?: (challenge: string) => void;
}

/**
 * The fetch the HTTP transports use: adds the configured and auth headers to
 * every request, and repeats a POST whose JSON-RPC request is safe to repeat
 * when it fails on the way (connection error, 5xx, 429), honouring
 * Retry-After. Everything else (GET streams, DELETE, tools/call) goes once.
 */
export function createHttpFetch(options: HttpFetchOptions): Fetch {
  const base = options.fetch ?? fetch;
  const observe = (response: Response): Response => {
    if (response.status === 401) options.onChallenge?.(response.headers.get('www-authenticate') ?? '');
    return response;
  };
  const wrapped = async (input: Parameters<Fetch>[0], init: Parameters<Fetch>[1] = {}): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    // Headers are computed per attempt: the auth method may have new credentials by then.
    const sendOnce = async (): Promise<Response> => {
      const headers = new Headers(init.headers);
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
      if (options.authHeaders) for (const [name, value] of Object.entries(await options.authHeaders({ url }))) headers.set(name, value);
      return observe(await base(input, { ...init, headers }));
    };
    // A refusal the auth method can answer (a refreshed token, a wider scope) is sent once more.
    const send = async (): Promise<Response> => {
      const response = await sendOnce();
      if (!options.authChallenge || (response.status !== 401 && response.status !== 403)) return response;
      const wwwAuthenticate = response.headers.get('www-authenticate') ?? '';
      if (response.status === 403 && !wwwAuthenticate) return response;
      const challenge: AuthChallenge = { status: response.status, wwwAuthenticate, url, ...(init.signal ? { signal: init.signal } : {}) };
      if (!(await options.authChallenge(challenge))) return response;
      await response.body?.cancel().catch(() => undefined);
      return sendOnce();
    };
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'POST' || !repeatable(init.body)) return send();

    const { retry } = options;
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      try {
        response = await send();
        if (!isRetryableStatus(response.status) || attempt >= retry.tries) return response;
      } catch (error) {
        if (init.signal?.aborted || attempt >= retry.tries || !isConnectionError(error)) throw error;
      }
      const retryAfter = response ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
      const delay = backoffDelay(retry, attempt, retryAfter);
      options.logger?.debug({ server: options.label, attempt, status: response?.status, delayMs: delay }, 'retrying request');
      await response?.body?.cancel().catch(() => undefined);
      await sleep(delay, init.signal ?? undefined);
    }
  };
  return wrapped as Fetch;
}

/** True when the body is a JSON-RPC request (or batch of them) whose methods are all safe to repeat. */
function repeatable(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  const messages = Array.isArray(parsed) ? parsed : [parsed];
  return messages.length > 0 && messages.every((m) => typeof m === 'object' && m !== null
    && typeof (m as { method?: unknown }).method === 'string' && isSafeMethod((m as { method: string }).method));
}

/** fetch's network failures: a TypeError whose cause has a system error code. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = errnoOf(error);
  return code !== undefined && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code);
}

/** The system error code somewhere in an error's cause chain. */
export function errnoOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const inner of errors) {
      const c = (inner as { code?: unknown })?.code;
      if (typeof c === 'string') return c;
    }
  }
  return undefined;
}
