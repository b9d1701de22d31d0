import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

export const CLI = join(ROOT, 'cli/bin/mcpctl.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A home for one CLI run: HOME and XDG_* point into it, and the config sits in it. */
export async function writeConfig(home: string, yaml: string): Promise<string> {
  const path = join(home, 'mcpctl.config.yaml');
  await writeFile(path, yaml);
  return path;
}

export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('MCPCTL_')) delete env[key];
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_RUNTIME_DIR: join(home, '.run'),
    NO_COLOR: '1',
    ...extra,
  };
}

/** Start `mcpctl <args>` with cwd = home (so the config there is found). */
export function startCli(home: string, args: string[], extra: Record<string, string> = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: home, env: cliEnv(home, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
  const done = new Promise<CliResult>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

export function runCli(home: string, args: string[], extra: Record<string, string> = {}): Promise<CliResult> {
  return startCli(home, args, extra).done;
}
