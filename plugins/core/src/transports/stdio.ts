import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { JsonRpcMessage, Logger, McpTransport } from '@mcpctl/kernel';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import { SPAWN_FAILED } from '../client/errors.js';
import type { TransportDiagnostics } from './diagnostics.js';
import { serverEnvironment } from './env.js';
import { signalGroup, trackChild } from './process-group.js';

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

  private child: ChildProcess | undefined;
  private readonly buffer = new ReadBuffer();
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
    const child = spawn(command, args, {
      env: serverEnvironment(env),
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
      shell: false,
    });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => this.onStdout(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.onStderr(chunk));
    // A write to a dead server's stdin must not crash us; the exit is reported instead.
    child.stdin!.on('error', (error) => this.options.logger?.debug({ server: this.options.label, err: error.message }, 'server stdin closed'));
    child.stdout!.on('error', (error) => this.onerror?.(error));

    try {
      await Promise.race([once(child, 'spawn'), once(child, 'error').then(([error]) => { throw error; })]);
    } catch (error) {
      this.closed = true;
      const err = error as NodeJS.ErrnoException;
      const reason = err.code === 'ENOENT' ? (cwd && err.path === command ? 'command not found (or --cwd does not exist)' : 'command not found')
        : err.code === 'EACCES' ? 'permission denied' : err.message;
      throw SPAWN_FAILED(command, reason, { cause: error, details: { command, args, cwd, errno: err.code } });
    }
    trackChild(child);
    child.on('error', (error) => this.onerror?.(error));
    // Members of its group that outlived the leader go with it (they may hold our pipes open).
    child.once('exit', () => signalGroup(child, 'SIGTERM'));
    child.once('close', (code, signal) => {
      this.flushPartialLine();
      this.exit = signal ? `killed by ${signal}` : `exited with code ${code}`;
      this.finish();
    });
  }

  async send(message: JsonRpcMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.closed || !stdin.writable) throw new Error(`server is not running${this.exit ? ` (${this.exit})` : ''}`);
    const json = serializeMessage(message as Parameters<typeof serializeMessage>[0]);
    if (!stdin.write(json)) await once(stdin, 'drain');
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.closed) return this.finish();
    this.closed = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit').then(() => true);
      const within = (ms: number) => Promise.race([exited, new Promise<false>((resolve) => setTimeout(resolve, ms, false).unref())]);
      child.stdin?.end();
      if (!(await within(this.options.closeGraceMs ?? 500))) {
        signalGroup(child, 'SIGTERM');
        if (!(await within(2000))) {
          signalGroup(child, 'SIGKILL');
          await within(1000);
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
    this.buffer.append(chunk);
    for (;;) {
      let message;
      try {
        message = this.buffer.readMessage();
      } catch (error) {
        this.onerror?.(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (message === null) break;
      this.onmessage?.(message as JsonRpcMessage);
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
