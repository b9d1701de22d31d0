import { errors, ExitCode, McpctlError, type McpTransport } from '@mcpctl/kernel';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError, ResultSchema } from '@modelcontextprotocol/sdk/types.js';

export interface SessionInfo {
  serverInfo: { name: string; version: string; title?: string };
  protocolVersion: string;
  capabilities: Record<string, unknown>;
  instructions?: string;
}

export interface WarmRequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
}

/** Default per-request timeout when the caller gives none. */
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** An initialized MCP client session the daemon keeps open to one server. */
export class WarmSession {
  /** Resolves when the connection closes (server exited, transport closed, or `close()`). */
  readonly closed: Promise<void>;

  private constructor(
    private readonly server: string,
    private readonly client: Client,
    readonly info: SessionInfo,
  ) {
    this.closed = new Promise((resolve) => {
      client.onclose = () => resolve();
    });
  }

  /** Run the MCP initialize handshake over `transport` within `timeoutMs`. */
  static async connect(server: string, transport: McpTransport, options: { timeoutMs: number; clientVersion: string }): Promise<WarmSession> {
    let negotiated: string | undefined;
    const original = transport.setProtocolVersion?.bind(transport);
    transport.setProtocolVersion = (version: string) => {
      negotiated = version;
      original?.(version);
    };
    const client = new Client({ name: 'mcpctl-daemon', version: options.clientVersion }, { capabilities: {} });
    await client.connect(transport as Transport, { timeout: options.timeoutMs });
    const version = client.getServerVersion();
    const instructions = client.getInstructions();
    return new WarmSession(server, client, {
      serverInfo: { name: version?.name ?? server, version: version?.version ?? '', ...(version?.title ? { title: version.title } : {}) },
      protocolVersion: negotiated ?? '',
      capabilities: (client.getServerCapabilities() ?? {}) as Record<string, unknown>,
      ...(instructions ? { instructions } : {}),
    });
  }

  /** Forward one request; MCP errors become coded errors that say which server answered. */
  async request(method: string, params: Record<string, unknown> | undefined, options: WarmRequestOptions = {}): Promise<unknown> {
    try {
      return await this.client.request({ method, ...(params ? { params } : {}) }, ResultSchema, {
        timeout: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onprogress: options.onProgress, resetTimeoutOnProgress: true } : {}),
      });
    } catch (error) {
      throw this.translate(method, options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, error);
    }
  }

  async ping(timeoutMs: number): Promise<void> {
    await this.request('ping', undefined, { timeoutMs });
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }

  private translate(method: string, timeoutMs: number, error: unknown): McpctlError {
    if (error instanceof McpError) {
      if (error.code === ErrorCode.RequestTimeout) return errors.TIMEOUT(`${method} on "${this.server}"`, timeoutMs);
      if (error.code === ErrorCode.ConnectionClosed) {
        return new McpctlError('MCPCTL_SERVER_CONNECTION_CLOSED', `Server "${this.server}" closed the connection during ${method}`, {
          exitCode: ExitCode.PROTOCOL,
          hint: '`mcpctl servers logs <name>` shows what it printed before it stopped.',
        });
      }
      return new McpctlError('MCPCTL_MCP_ERROR', `Server "${this.server}" answered ${method} with error ${error.code}: ${error.message.replace(/^MCP error -?\d+: /, '')}`, {
        exitCode: ExitCode.FAILURE,
        details: { mcpCode: error.code, ...(error.data !== undefined ? { data: error.data } : {}) },
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new McpctlError('MCPCTL_MCP_ERROR', `Request ${method} to "${this.server}" failed: ${message}`, { exitCode: ExitCode.PROTOCOL, cause: error });
  }
}
