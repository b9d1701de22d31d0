import { KubeConfig, RequestContext, type HttpMethod as ClientHttpMethod } from '@kubernetes/client-node';
import { getGlobalDispatcher, type Dispatcher } from 'undici';
import WebSocket from 'ws';
import { ToolError } from '@mcpctl/toolkit/base';
import type { Redactor } from '../redact.js';
import { K8sErrorCode } from '../tool-errors.js';
import type { AdmittedRequest, HttpMethod, RequestFilter } from './filter.js';

/**
 * The only code that talks to the API server. Every request — JSON, watch
 * stream, log text, exec WebSocket — goes through `#open`, which first
 * asks the request filter, then lets @kubernetes/client-node apply the
 * context's credentials (tokens, client certificates, exec plugins, OIDC)
 * and TLS settings. Responses pass the filter's scrub before they are
 * returned. Errors carry the API server's reason, never a credential.
 */

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface KubeRequest {
  method: HttpMethod;
  path: string;
  query?: Query;
  /** A JSON value (sent as JSON) or a string (sent as it is, e.g. an apply-patch YAML). */
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

/** One API error, as the API server reported it (its Status), already redacted. */
export interface ApiStatus {
  status: number;
  reason: string;
  message: string;
}

const JSON_TYPE = 'application/json';

export class KubeTransport {
  readonly contextName: string;
  readonly server: string;
  readonly #config: KubeConfig;
  readonly #filter: RequestFilter;
  readonly #redactor: Redactor;
  readonly #timeoutMs: number;
  #dispatcher: Dispatcher | undefined;

  constructor(options: { contextName: string; server: string; config: KubeConfig; filter: RequestFilter; redactor: Redactor; timeoutMs: number }) {
    this.contextName = options.contextName;
    this.server = options.server;
    this.#config = options.config;
    this.#filter = options.filter;
    this.#redactor = options.redactor;
    this.#timeoutMs = options.timeoutMs;
  }

  /** Close this context's connection pool (not the process-wide default one). */
  async close(): Promise<void> {
    const dispatcher = this.#dispatcher;
    this.#dispatcher = undefined;
    if (dispatcher && dispatcher !== getGlobalDispatcher()) await dispatcher.close().catch(() => undefined);
  }

  get filter(): RequestFilter {
    return this.#filter;
  }

  /** A JSON request; the parsed, scrubbed response body. */
  async json<T>(request: KubeRequest): Promise<T> {
    const { admitted, response } = await this.#open(request);
    const text = this.#redactor.redactKnown(await response.body.text());
    if (response.statusCode >= 400) throw this.#apiError(request, response.statusCode, text);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ToolError(K8sErrorCode.API_ERROR, `The API server answered ${request.method} ${request.path} with something that is not JSON`, { hint: 'Check that the context points at a Kubernetes API server.' });
    }
    return this.#filter.scrub(admitted, body) as T;
  }

  /** A text response (pod logs), read up to `maxBytes`; `truncated` when more was there. */
  async text(request: KubeRequest, maxBytes: number): Promise<{ text: string; bytes: number; truncated: boolean }> {
    const { response } = await this.#open(request);
    if (response.statusCode >= 400) throw this.#apiError(request, response.statusCode, await response.body.text());
    const chunks: Buffer[] = [];
    let bytes = 0;
    let truncated = false;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      if (bytes + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - bytes));
        bytes = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      bytes += chunk.length;
    }
    if (truncated) response.body.destroy();
    return { text: this.#redactor.redactKnown(Buffer.concat(chunks).toString('utf8')), bytes, truncated };
  }

  /**
   * A watch: each event (scrubbed; hidden ones left out) goes to `onEvent`
   * until the server ends the stream, `onEvent` returns false, or the signal aborts.
   */
  async watch(request: KubeRequest, onEvent: (event: { type: string; object: Record<string, unknown> }) => boolean | void): Promise<'ended' | 'stopped'> {
    const { admitted, response } = await this.#open({ ...request, query: { ...request.query, watch: true } }, true);
    if (response.statusCode >= 400) throw this.#apiError(request, response.statusCode, await response.body.text());
    let pending = '';
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        pending += chunk.toString('utf8');
        let newline = pending.indexOf('\n');
        while (newline >= 0) {
          const line = pending.slice(0, newline).trim();
          pending = pending.slice(newline + 1);
          newline = pending.indexOf('\n');
          if (line === '') continue;
          const event = this.#filter.scrub(admitted, JSON.parse(this.#redactor.redactKnown(line)) as { type: string; object: Record<string, unknown> });
          if (event.type === 'ERROR') throw this.#statusError(request, event.object as { code?: number; reason?: string; message?: string });
          if (!this.#filter.showsEvent(admitted, event)) continue;
          if (onEvent(event) === false) return 'stopped';
        }
      }
      return 'ended';
    } catch (error) {
      if (request.signal?.aborted) return 'stopped';
      throw error;
    } finally {
      response.body.destroy();
    }
  }

  get redactor(): Redactor {
    return this.#redactor;
  }

  /** A WebSocket (exec): the filter judges the path first, the credentials come from the kubeconfig. */
  async websocket(request: KubeRequest, protocols: string[]): Promise<WebSocket> {
    await this.#filter.admit({ method: request.method, path: request.path });
    const url = this.#url(request);
    url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
    const options: WebSocket.ClientOptions & { headers?: Record<string, string> } = {};
    await this.#config.applyToHTTPSOptions(options);
    this.#redactor.addAuthorization(options.headers?.Authorization);
    options.handshakeTimeout = this.#timeoutMs;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, protocols, options);
      const onAbort = () => socket.terminate();
      request.signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('open', () => resolve(socket));
      socket.once('unexpected-response', (_req, res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => reject(this.#apiError(request, res.statusCode ?? 500, text)));
      });
      socket.once('error', (error) => reject(this.#connectionError(error)));
      socket.once('close', () => request.signal?.removeEventListener('abort', onAbort));
    });
  }

  #url(request: KubeRequest): URL {
    const cluster = this.#config.getCurrentCluster();
    if (!cluster) throw new ToolError(K8sErrorCode.CONNECTION, `Context ${this.contextName} has no cluster`, { hint: 'Fix the kubeconfig.' });
    const url = new URL(cluster.server.replace(/\/+$/, '') + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item);
      else if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  async #open(request: KubeRequest, streaming = false): Promise<{ admitted: AdmittedRequest; response: Dispatcher.ResponseData }> {
    const bodyNamespace = (request.body as { metadata?: { namespace?: unknown } } | undefined)?.metadata?.namespace;
    const admitted = await this.#filter.admit({ method: request.method, path: request.path, bodyNamespace: typeof bodyNamespace === 'string' ? bodyNamespace : undefined });
    const url = this.#url(request);
    const context = new RequestContext(url.toString(), request.method as ClientHttpMethod);
    try {
      await this.#config.applySecurityAuthentication(context);
    } catch (error) {
      throw new ToolError(K8sErrorCode.UNAUTHORIZED, `Could not get credentials for context ${this.contextName}: ${this.#redactor.redact((error as Error).message ?? String(error))}`, {
        hint: 'Check the kubeconfig user of this context (its exec plugin, token file or auth provider).',
      });
    }
    const headers = context.getHeaders();
    this.#redactor.addAuthorization(headers.Authorization ?? headers.authorization);
    // One connection pool per context: client-node builds a fresh agent per call, which would cost a TLS handshake per request.
    this.#dispatcher ??= context.getDispatcher() ?? getGlobalDispatcher();
    headers.Accept = request.accept ?? JSON_TYPE;
    let body: string | undefined;
    if (request.body !== undefined) {
      body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      headers['Content-Type'] = request.contentType ?? JSON_TYPE;
    }
    try {
      const response = await this.#dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: request.method,
        headers,
        body,
        signal: request.signal,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: streaming ? 0 : this.#timeoutMs,
      });
      return { admitted, response };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason ?? error;
      throw this.#connectionError(error);
    }
  }

  #connectionError(error: unknown): ToolError {
    const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
    const code = e.cause?.code ?? e.code ?? 'ERROR';
    const reason = this.#redactor.redact(e.cause?.message ?? e.message ?? String(error));
    return new ToolError(K8sErrorCode.CONNECTION, `Cannot reach the API server of context ${this.contextName} (${this.server}): ${reason} [${code}]`, {
      hint: code.startsWith('UND_ERR_HEADERS_TIMEOUT') || code === 'UND_ERR_BODY_TIMEOUT' ? 'The API server did not answer in time; raise `requestTimeoutMs` or check the cluster.' : 'Check that the cluster is running and reachable, and the kubeconfig\'s server URL and CA.',
      details: { context: this.contextName, code },
    });
  }

  #apiError(request: KubeRequest, status: number, text: string): ToolError {
    let parsed: { code?: number; reason?: string; message?: string } = {};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = { message: text.slice(0, 500) };
    }
    return this.#statusError(request, { ...parsed, code: parsed.code ?? status });
  }

  #statusError(request: KubeRequest, status: { code?: number; reason?: string; message?: string }): ToolError {
    const code = status.code ?? 500;
    const reason = status.reason ?? '';
    const message = this.#redactor.redact(status.message || `${request.method} ${request.path} failed with HTTP ${code}`);
    const details: Record<string, unknown> = { status: code, reason, context: this.contextName };
    if (code === 404 || reason === 'NotFound') return new ToolError(K8sErrorCode.NOT_FOUND, message, { hint: 'Check the name, namespace and kind (list shows what exists).', details });
    if (code === 403 || reason === 'Forbidden') return new ToolError(K8sErrorCode.FORBIDDEN, `The API server refused: ${message}`, { hint: 'Your credentials may not do this: ask the cluster admin for the RBAC permission, or use a context whose user has it.', details });
    if (code === 401 || reason === 'Unauthorized') return new ToolError(K8sErrorCode.UNAUTHORIZED, `The API server did not accept the credentials of context ${this.contextName}`, { hint: 'Log in again or refresh the kubeconfig user\'s token or certificate.', details });
    if (code === 409 || reason === 'Conflict' || reason === 'AlreadyExists') return new ToolError(K8sErrorCode.CONFLICT, message, { hint: 'The object changed or already exists: read it again, then retry (apply with force: true takes over conflicting fields).', details });
    if (code === 422 || reason === 'Invalid' || code === 400) return new ToolError(K8sErrorCode.INVALID, message, { hint: 'Fix the object or the arguments as the message says.', details });
    return new ToolError(K8sErrorCode.API_ERROR, message, { hint: 'The API server reported an error; retry, or check the cluster.', details });
  }
}
