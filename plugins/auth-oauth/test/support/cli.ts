import { createTestHome } from '@mcpctl/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../../..');
export const CLI = join(REPO, 'cli/bin/mcpctl.js');
/** $BROWSER for the CLI: the headless login driver. */
export const BROWSER = `${process.execPath} ${join(import.meta.dirname, 'browser-cli.mjs')}`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A throwaway HOME with XDG directories (the token store lands in its state directory). */
export function isolatedHome(): { home: string; env: NodeJS.ProcessEnv } {
  const { dir, env } = createTestHome();
  return { home: dir, env };
}

/** Run the built CLI without blocking this process (the authorization server runs in it). */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? REPO,
      env: { PATH: process.env.PATH, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** Start a long-running CLI command (serve) and wait for a line on stderr. */
export async function startCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; ready: RegExp }): Promise<{ child: ChildProcess; match: RegExpExecArray; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env: { PATH: process.env.PATH, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const match = await new Promise<RegExpExecArray>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready: ${stderr}`)), 20_000);
    child.stderr!.on('data', (d) => {
      stderr += d;
      const found = options.ready.exec(stderr);
      if (found) {
        clearTimeout(timer);
        resolvePromise(found);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return {
    child,
    match,
    stop: () => new Promise<void>((resolvePromise) => {
      if (child.exitCode !== null) return resolvePromise();
      child.once('exit', () => resolvePromise());
      child.kill('SIGTERM');
    }),
  };
}
