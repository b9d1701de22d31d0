import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { McpctlError, type KernelServices, type LoadedConfig } from '@mcpctl/kernel';
import type { DaemonConfig, DaemonOptions } from '../daemon.js';
import type { DaemonSettings } from '../supervisor/options.js';
import { daemonPaths } from './daemon-client.js';

export const PLUGIN_NAME = '@mcpctl/plugin-daemon';

/** The daemon's view of a loaded config, with the server types the loading process's plugins provide. */
export function toDaemonConfig(loaded: LoadedConfig, kernel: Pick<KernelServices, 'options' | 'plugins'>): DaemonConfig {
  return {
    servers: loaded.config.servers,
    settings: (loaded.config.pluginConfig?.[PLUGIN_NAME] ?? {}) as DaemonSettings,
    ...(loaded.filepath ? { filepath: loaded.filepath } : {}),
    ...(loaded.profile ? { profile: loaded.profile } : {}),
    baseDir: loaded.filepath ? dirname(loaded.filepath) : kernel.options.cwd,
    serverTypes: kernel.plugins.names('serverType'),
  };
}

/** How to run this CLI again (for `mcpctl serve <name>` children and config reloads). */
export function cliCommand(): { execPath: string; bin: string } {
  return { execPath: process.execPath, bin: resolve(process.argv[1] ?? 'mcpctl') };
}

/**
 * DaemonOptions for a daemon run by the CLI. The first config load uses this
 * process's kernel; every reload runs `mcpctl daemon reload --emit-config`
 * in a fresh process (the kernel caches its config and its plugins for the
 * life of a process), so the daemon always applies the file as it is now,
 * with the plugins installed now.
 */
export function kernelDaemonOptions(kernel: KernelServices): DaemonOptions {
  const cli = cliCommand();
  let first = true;
  // Reloads keep the profile the running config was loaded with.
  let profile = kernel.options.profile;
  return {
    paths: daemonPaths(),
    version: kernel.version,
    logger: kernel.logger,
    cli,
    isServerType: (type) => kernel.isServerType(type),
    canConnect: (transport) => kernel.plugins.providerOf('transport', transport) !== undefined,
    connect: (name, entry, timeoutMs) => kernel.createTransport(entry.type, entry, { name, timeoutMs }),
    lifecycle: kernel.lifecycle,
    loadConfig: async (configPath?: string) => {
      const config =
        first && configPath === undefined
          ? toDaemonConfig(await kernel.loadConfig(), kernel)
          : await loadConfigInChild(cli, kernel.options.cwd, configPath, profile);
      first = false;
      profile = config.profile ?? kernel.options.profile;
      return config;
    },
  };
}

async function loadConfigInChild(cli: { execPath: string; bin: string }, cwd: string, configPath: string | undefined, profile: string | undefined): Promise<DaemonConfig> {
  const args = [cli.bin, 'daemon', 'reload', '--emit-config', '--json', '--log-level', 'error'];
  if (configPath) args.push('--config', configPath);
  if (profile) args.push('--profile', profile);
  const child = spawn(cli.execPath, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const code = await new Promise<number | null>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolveExit(exitCode));
  });
  const text = Buffer.concat(stdout).toString('utf8').trim();
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    parsed = undefined;
  }
  if (code === 0 && parsed && typeof parsed.servers === 'object') return parsed as unknown as DaemonConfig;
  const error = (parsed?.error ?? parsed) as { code?: unknown; message?: unknown; hint?: unknown } | undefined;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    throw new McpctlError(error.code, error.message, typeof error.hint === 'string' ? { hint: error.hint } : {});
  }
  const detail = Buffer.concat(stderr).toString('utf8').trim() || text || `exit code ${code}`;
  throw new McpctlError('MCPCTL_CONFIG_LOAD', `Could not load the config: ${detail}`, { hint: 'Run `mcpctl config validate` to see every problem.' });
}
