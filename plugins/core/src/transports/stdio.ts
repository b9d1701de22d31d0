import { once } from 'node:events';
import type { JsonRpcMessage, Logger, McpTransport } from '@mcpctl/kernel';
import { encodeJsonRpcLine, JsonRpcLineReader } from '@mcpctl/toolkit/json-lines';
import { describeSpawnError, spawnGroup, type GroupChild } from '@mcpctl/toolkit/process';
import type { TransportDiagnostics } from './diagnostics.js';
import { serverEnvironment } from './env.js';
import { SPAWN_FAILED } from './errors.js';

export interface StdioOptions {
  command: string;
  args?: string[];
  /** Explicit variables, merged over the safe inherited set. */
  env?: Record<string, string>;
  cwd?: string;
  /** A name for log lines. */
  label?: string;
  logger?: Logger;
  /** How long close() waits for the server to exit after its stdin ends, before signalling. Default 500ms. */
  closeGraceMs?: number;
  /** Lines of stderr kept for error messages. Default 20. */
  stderrLines?: number;
}

/**
 * A client transport that spawns an MCP server and speaks newline-delimited
 * JSON-RPC over its stdin/stdout. The server runs in its own process group,
 * which is killed as a whole on close, on Ctrl-C and when mcpctl exits.
 */
export class StdioTransport implements McpTransport, TransportDiagnostics {
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: ((message: JsonRpcMessage, extra?: unknown) => void) | undefined;

  private child: GroupChild | undefined;
  private readonly reader = new JsonRpcLineReader();
  private readonly tail: string[] = [];
  private partialLine = '';
  private exit: string | undefined;
  private closed = false;

  constructor(private readonly options: StdioOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('StdioTransport already started');
    const { command, args = [], env, cwd } = this.options;
    // Members of its group that outlive the leader go with it (they may hold our pipes open),
    // and the group is killed when mcpctl exits for any reason.
    const child = spawnGroup({ command, args, env: serverEnvironment(env), ...(cwd !== undefined ? { cwd } : {}) }, { orphanSignal: 'SIGTERM', killWithParent: true });
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => this.onStdout(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.onStderr(chunk));
    // A write to a dead server's stdin must not crash us; the exit is reported instead.
    child.stdin.on('error', (error) => this.options.logger?.debug({ server: this.options.label, err: error.message }, 'server stdin closed'));
    child.stdout.on('error', (error) => this.onerror?.(error));

    try {
      await child.spawned;
    } catch (error) {
      this.closed = true;
      const err = error as NodeJS.ErrnoException;
      throw SPAWN_FAILED(command, describeSpawnError(err, { command, cwd }), { cause: error, details: { command, args, cwd, errno: err.code } });
    }
    child.process.on('error', (error) => this.onerror?.(error));
    void child.closed.then((info) => {
      this.flushPartialLine();
      this.exit = info.signal ? `killed by ${info.signal}` : `exited with code ${info.code}`;
      this.finish();
    });
  }

  async send(message: JsonRpcMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.closed || !stdin.writable) throw new Error(`server is not running${this.exit ? ` (${this.exit})` : ''}`);
    if (!stdin.write(encodeJsonRpcLine(message))) await once(stdin, 'drain');
  }

  /** End its stdin; after the grace time SIGTERM to its group, then SIGKILL. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.closed) return this.finish();
    this.closed = true;
    if (!child.hasExited) {
      child.stdin.end();
      if (!(await child.waitExit(this.options.closeGraceMs ?? 500))) {
        child.signal('SIGTERM');
        if (!(await child.waitExit(2000))) {
          child.signal('SIGKILL');
          await child.waitExit(1000);
        }
      }
    }
    this.finish();
  }

  stderrTail(): string[] {
    return this.partialLine ? [...this.tail, this.partialLine] : [...this.tail];
  }

  exitDescription(): string | undefined {
    return this.exit;
  }

  private finish(): void {
    if (this.onclose) {
      const onclose = this.onclose;
      this.onclose = undefined;
      this.closed = true;
      onclose();
    }
  }

  private onStdout(chunk: Buffer): void {
    for (const decoded of this.reader.push(chunk)) {
      if ('message' in decoded) this.onmessage?.(decoded.message);
      else this.onerror?.(decoded.error);
    }
  }

  private onStderr(chunk: Buffer): void {
    const text = this.partialLine + chunk.toString('utf8');
    const lines = text.split(/\r?\n/);
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) this.keepLine(line);
  }

  private flushPartialLine(): void {
    if (this.partialLine) this.keepLine(this.partialLine);
    this.partialLine = '';
  }

  private keepLine(line: string): void {
    if (!line.trim()) return;
    this.options.logger?.debug({ server: this.options.label }, line);
    this.tail.push(line);
    const max = this.options.stderrLines ?? 20;
    if (this.tail.length > max) this.tail.splice(0, this.tail.length - max);
  }
}
