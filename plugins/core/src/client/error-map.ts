import { ExitCode, McpctlError, errors, isMcpctlError } from '@mcpctl/kernel';
import { errnoOf } from '../transports/http-fetch.js';
import { hasAuthChallenge, hasDiagnostics } from '../transports/diagnostics.js';
import {
  CONNECTION_REFUSED, CONNECT_FAILED, DNS_FAILED, FORBIDDEN, HTTP_STATUS, METHOD_NOT_FOUND, PROTOCOL_ERROR, RPC_ERROR,
  SERVER_EXITED, TLS_FAILED, UNAUTHORIZED, UNSUPPORTED_PROTOCOL,
} from './errors.js';
import { firstLine } from './text.js';

/** What the mapper knows about where an error happened. */
export interface ErrorContext {
  /** The target as the user named it ("everything", "http://…", "node server.js"). */
  label: string;
  /** "connect" while connecting and initializing, else the JSON-RPC method. */
  phase: string;
  timeoutMs?: number;
  /** The transport (for stderr, exit status, auth challenge). */
  transport?: unknown;
  /** The auth method configured for the target, if any. */
  authMethod?: string;
  /** The user's Ctrl-C signal. */
  signal?: AbortSignal;
}

// JSON-RPC / MCP error codes (the SDK's ErrorCode, without importing the SDK here).
const CONNECTION_CLOSED = -32000;
const REQUEST_TIMEOUT = -32001;
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const METHOD_NOT_FOUND_CODE = -32601;
const INVALID_PARAMS = -32602;

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;

/** Turn anything thrown by the SDK, a transport or fetch into a coded error with the right exit code. */
export function mapClientError(error: unknown, ctx: ErrorContext): McpctlError {
  if (isMcpctlError(error)) return error;
  if (ctx.signal?.aborted) return errors.INTERRUPTED({ cause: error });
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const httpStatus = httpStatusOf(error);

  if (httpStatus === 401) return unauthorized(error, ctx);
  if (httpStatus === 403) return FORBIDDEN(ctx.label, '', { cause: error });
  if (error instanceof Error && error.name === 'UnauthorizedError') return unauthorized(error, ctx);

  if (typeof code === 'number' && isJsonRpcErrorShape(error)) {
    if (code === REQUEST_TIMEOUT) return errors.TIMEOUT(ctx.phase === 'connect' ? `Connecting to ${ctx.label}` : `${ctx.phase} on ${ctx.label}`, ctx.timeoutMs ?? 0, { cause: error });
    if (code === CONNECTION_CLOSED) return serverGone(error, ctx, message);
    if (code === METHOD_NOT_FOUND_CODE) return METHOD_NOT_FOUND(ctx.label, ctx.phase, { cause: error });
    const text = stripMcpPrefix(message);
    if (code === INVALID_PARAMS) return RPC_ERROR(ctx.label, code, text, { cause: error, exitCode: ExitCode.USAGE, hint: 'The server rejected the arguments; run `mcpctl tools <target>` to see what it expects.' });
    if (code === PARSE_ERROR || code === INVALID_REQUEST) return RPC_ERROR(ctx.label, code, text, { cause: error, exitCode: ExitCode.PROTOCOL });
    return RPC_ERROR(ctx.label, code, text, { cause: error, exitCode: ExitCode.FAILURE, hint: 'The server reported this error; its logs may say more.' });
  }

  if (/protocol version is not supported/i.test(message)) return UNSUPPORTED_PROTOCOL(ctx.label, message.replace(/^.*supported:\s*/i, ''), { cause: error });

  if (httpStatus !== undefined && httpStatus > 0) {
    return HTTP_STATUS(ctx.label, httpStatus, reasonOf(message), { cause: error, details: { status: httpStatus }, exitCode: ctx.phase === 'connect' || httpStatus >= 500 || httpStatus === 429 ? ExitCode.CONNECT : ExitCode.PROTOCOL });
  }

  const errno = errnoOf(error) ?? errnoFromText(message);
  if (errno === 'ECONNREFUSED') return CONNECTION_REFUSED(ctx.label, { cause: error });
  if (errno === 'ENOTFOUND' || errno === 'EAI_AGAIN' || errno === 'EAI_NONAME') return DNS_FAILED(hostOf(ctx.label), { cause: error });
  if (errno && TLS_CODES.test(errno)) return TLS_FAILED(ctx.label, errno, { cause: error });
  if (errno === 'ECONNRESET' || errno === 'EPIPE' || errno === 'UND_ERR_SOCKET') {
    return ctx.phase === 'connect' ? CONNECT_FAILED(ctx.label, `connection reset (${errno})`, { cause: error }) : serverGone(error, ctx, `connection reset (${errno})`);
  }

  if (error instanceof Error && (error.name === 'ZodError' || error instanceof SyntaxError || /invalid (json|input)|unexpected token/i.test(message))) {
    return PROTOCOL_ERROR(ctx.label, firstLine(message), { cause: error });
  }
  if (ctx.phase === 'connect') {
    if (hasDiagnostics(ctx.transport) && ctx.transport.exitDescription()) return serverGone(error, ctx, message);
    return CONNECT_FAILED(ctx.label, withCauses(error), { cause: error });
  }
  return PROTOCOL_ERROR(ctx.label, withCauses(error), { cause: error });
}

/** "fetch failed: bad port" — an error's message followed by its causes' messages. */
function withCauses(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const text = firstLine(e.message);
    if (text && !parts.some((p) => p.includes(text))) parts.push(text);
  }
  return parts.join(': ') || String(error);
}

function serverGone(error: unknown, ctx: ErrorContext, fallback: string): McpctlError {
  const diag = hasDiagnostics(ctx.transport) ? ctx.transport : undefined;
  const stderr = diag?.stderrTail() ?? [];
  const how = diag?.exitDescription();
  const reason = how ? `the server ${how}` : stripMcpPrefix(fallback);
  const during = ctx.phase === 'connect' ? 'while connecting' : `during ${ctx.phase}`;
  const tail = stderr.length > 0 ? `\nLast lines of its stderr:\n${stderr.slice(-10).map((l) => `  ${l}`).join('\n')}` : '';
  return SERVER_EXITED(ctx.label, `${reason} ${during}${tail}`, {
    cause: error,
    details: { ...(how ? { exit: how } : {}), stderr: stderr.slice(-10) },
  });
}

function unauthorized(error: unknown, ctx: ErrorContext): McpctlError {
  const challenge = hasAuthChallenge(ctx.transport) ? ctx.transport.lastAuthChallenge() : undefined;
  const scheme = challenge?.trim().split(/\s+/)[0]?.toLowerCase();
  const wanted = scheme === 'basic' ? 'basic'
    : scheme === 'bearer' ? (/resource_metadata|authorization_uri/i.test(challenge ?? '') ? 'oauth' : 'bearer')
    : scheme === 'apikey' ? 'api-key'
    : undefined;
  // `ApiKey realm="…", header="X-API-Key"`, as mcpctl's api-key verifier challenges.
  const keyHeader = wanted === 'api-key' ? (/\bheader="([^"]+)"/i.exec(challenge ?? '')?.[1] ?? 'X-API-Key') : undefined;
  if (ctx.authMethod) {
    return UNAUTHORIZED(ctx.label, ` (auth method "${ctx.authMethod}" was used)`, {
      cause: error,
      hint: `The server rejected the credentials of auth method "${ctx.authMethod}"${wanted && wanted !== ctx.authMethod ? ` (it asks for ${wanted})` : ''}: check the secret it reads (e.g. the \${env:…} variable) and that it has not expired.`,
      details: { authMethod: ctx.authMethod, ...(wanted ? { wanted } : {}) },
    });
  }
  const example = wanted === 'basic' ? 'auth: { method: basic, username: me, password: "${env:PASSWORD}" }'
    : wanted === 'oauth' ? 'auth: { method: oauth } (plugin @mcpctl/plugin-auth-oauth)'
    : wanted === 'api-key' ? `auth: { method: api-key, key: "\${env:API_KEY}"${keyHeader === 'X-API-Key' ? '' : `, header: ${keyHeader}`} }`
    : 'auth: { method: bearer, token: "${env:TOKEN}" }';
  const oneOff = keyHeader ? `--header '${keyHeader}: …'` : "--header 'Authorization: …'";
  return UNAUTHORIZED(ctx.label, wanted ? `: it wants ${wanted} authentication and none is configured` : ' and no auth method is configured', {
    cause: error,
    hint: `Add to the server entry: ${example}${wanted === 'api-key' ? '' : ' — or headers / api-key'} — or pass ${oneOff} for a one-off.`,
    details: { authMethod: null, ...(wanted ? { wanted } : {}) },
  });
}

function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if ((error.name === 'StreamableHTTPError' || error.name === 'SseError' || /^(Streamable HTTP error|SSE error)/.test(error.message)) && typeof code === 'number' && code >= 100) return code;
  const match = /\b(?:HTTP|status(?: code)?|Non-200 status code)\s*\(?(\d{3})\)?/i.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

function isJsonRpcErrorShape(error: unknown): boolean {
  return error instanceof Error && (error.name === 'McpError' || /^MCP error -?\d+/.test(error.message));
}

function stripMcpPrefix(message: string): string {
  return message.replace(/^MCP error -?\d+:\s*/, '');
}

function reasonOf(message: string): string {
  return firstLine(message.replace(/^(Streamable HTTP error|SSE error):\s*/, '')) || 'unexpected response';
}

function errnoFromText(message: string): string | undefined {
  return /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EPIPE)\b/.exec(message)?.[1];
}

function hostOf(label: string): string {
  try {
    return new URL(label).host;
  } catch {
    return label;
  }
}
