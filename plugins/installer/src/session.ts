import { join } from 'node:path';
import type { CommandIO, KernelServices } from '@mcpctl/kernel';
import * as errors from './errors.js';
import { DEFAULT_INSTALLER, INSTALLER_NAMES, type InstallerName, type SharedPackage } from './install/installer.js';
import { terminalProgress, type Progress } from './install/progress.js';
import { SetupChecker, setupTimeoutOf } from './install/setup-check.js';
import { sharedPackages } from './install/shared-packages.js';
import { npmOptions } from './registry/fetch-options.js';
import { loadRegistrySettings, type RegistrySettings } from './registry/npmrc.js';
import { createRegistryClient } from './registry/create-registry-client.js';
import type { RegistryClient } from './registry/registry-client.js';
import { PluginFolder } from './store/plugin-folder.js';

/** pluginConfig["@mcpctl/plugin-installer"] (schema.json). */
export interface InstallerSettings {
  installer?: InstallerName;
  setupTimeoutMs?: number;
}

/** Everything one installer command works with, built from its options, the environment and the kernel. */
export interface InstallSession {
  kernel: KernelServices;
  io: CommandIO;
  env: NodeJS.ProcessEnv;
  folder: PluginFolder;
  settings: RegistrySettings;
  npm: Record<string, unknown>;
  /** Package documents and tarballs, with the settings above applied. */
  registry: RegistryClient;
  installer: InstallerName;
  allowScripts: boolean;
  yes: boolean;
  /** Runs each staged plugin's setup once in a child process. */
  checker: SetupChecker;
  shared: SharedPackage[];
  progress: Progress;
}

export interface SessionOptions {
  registry?: string;
  installer?: string;
  allowScripts?: boolean;
  yes?: boolean;
  setupTimeout?: number;
}

export function openSession(kernel: KernelServices, io: CommandIO, options: SessionOptions, defaults: InstallerSettings, checker?: SetupChecker, env: NodeJS.ProcessEnv = process.env): InstallSession {
  const installer = (options.installer ?? env.MCPCTL_INSTALLER ?? defaults.installer ?? DEFAULT_INSTALLER) as InstallerName;
  if (!INSTALLER_NAMES.includes(installer)) throw errors.SPEC_INVALID(`--installer ${installer}`, `choose one of ${INSTALLER_NAMES.join(', ')}`);
  const home = env.HOME || process.env.HOME || '/';
  const settings = loadRegistrySettings({ cwd: kernel.options.cwd, env, home, ...(options.registry ? { registry: options.registry } : {}) });
  const npm = npmOptions(settings, { cache: join(kernel.paths.cache, 'npm'), allowScripts: options.allowScripts ?? false });
  return {
    kernel,
    io,
    env,
    folder: new PluginFolder(kernel.paths.plugins),
    settings,
    npm,
    registry: createRegistryClient(settings, npm, env),
    installer,
    allowScripts: options.allowScripts ?? false,
    yes: options.yes ?? false,
    checker: checker ?? new SetupChecker(env, setupTimeoutOf(options.setupTimeout, defaults.setupTimeoutMs, env)),
    shared: sharedPackages(),
    progress: terminalProgress(io.stderr, !io.json),
  };
}
