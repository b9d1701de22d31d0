import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const FIXTURES = join(ROOT, 'test/fixtures/servers');
export const EVERYTHING = join(FIXTURES, 'everything-local.mjs');
export const FIXTURE_SERVER = join(FIXTURES, 'fixture-server.mjs');
export const RAW_STDIO = join(FIXTURES, 'raw-stdio.mjs');
export const HTTP_STATUS_SERVER = join(FIXTURES, 'http-status.mjs');
export const NODE = process.execPath;

export interface HttpServer {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  close(): Promise<void>;
}

/** Start a fixture that announces "LISTENING <port>" on stderr; resolves once it listens. */
export async function startHttpServer(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<HttpServer> {
  const child = spawn(NODE, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${output}`)), 15_000);
    child.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
      const m = /LISTENING (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A port nothing listens on (bound then released). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export async function tempDir(prefix = 'mcpctl-client-'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** Whether a process is alive (a zombie waiting to be reaped is not). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}
