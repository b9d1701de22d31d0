import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CallbackParams {
  code?: string;
  state?: string;
  iss?: string;
  error?: string;
  errorDescription?: string;
}

export interface LoopbackListener {
  /** http://127.0.0.1:<port>/callback */
  redirectUri: string;
  /** Resolves with the first request to /callback that carries `code` or `error`. */
  callback: Promise<CallbackParams>;
  close(): Promise<void>;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body>`;

/**
 * The redirect target of the authorization code grant (RFC 8252 §7.3): a
 * listener on 127.0.0.1 only, on a random port unless one is configured.
 * Any other path answers 404; the browser gets a short page saying whether
 * to go back to the terminal.
 */
export async function listenForCallback(port = 0): Promise<LoopbackListener> {
  let settle!: (params: CallbackParams) => void;
  const callback = new Promise<CallbackParams>((resolve) => { settle = resolve; });
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== '/callback') {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const q = url.searchParams;
    const params: CallbackParams = {};
    for (const [key, name] of [['code', 'code'], ['state', 'state'], ['iss', 'iss'], ['error', 'error'], ['error_description', 'errorDescription']] as const) {
      const value = q.get(key);
      if (value !== null) params[name] = value;
    }
    if (!params.code && !params.error) {
      response.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE('Not an authorization response', 'This address waits for the authorization server to send you back.'));
      return;
    }
    const ok = Boolean(params.code);
    response.writeHead(ok ? 200 : 400, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' })
      .end(ok ? PAGE('Logged in', 'mcpctl received the authorization. You can close this tab and go back to the terminal.')
        : PAGE('Authorization failed', 'The authorization server refused. The terminal says why.'));
    settle(params);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${address.port}/callback`,
    callback,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
