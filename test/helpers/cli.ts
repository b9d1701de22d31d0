import { createTestHome } from '@mcpctl/testing';
import { spawnSync } from 'node:child_process';
import { delimiter, join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const CLI = join(REPO, 'cli/bin/mcpctl.js');
export const FIXTURE_PLUGINS = join(REPO, 'test/fixtures/plugins');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A throwaway HOME with XDG dirs, so tests never touch the real user's config, cache or plugins. */
export function isolatedHome(): { home: string; env: NodeJS.ProcessEnv } {
  const { dir, env } = createTestHome();
  return { home: dir, env };
}

/** Runs the built CLI with a clean environment (PATH kept, no inherited MCPCTL_* variables). */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {}): CliResult {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE };
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...base, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function pluginPaths(...names: string[]): string {
  return names.map((name) => join(FIXTURE_PLUGINS, name)).join(delimiter);
}
