import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A throwaway HOME with its own XDG directories: a test never sees the user's config, cache or plugins. */
export interface TestHome {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Absolute path of the config file written for this test, if any. */
  configPath?: string;
  remove(): void;
}

export function createTestHome(options: { plugins?: string[]; config?: Record<string, unknown> | string; env?: NodeJS.ProcessEnv } = {}): TestHome {
  const dir = mkdtempSync(join(tmpdir(), 'mcpctl-testing-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, '.config'),
    XDG_DATA_HOME: join(dir, '.local/share'),
    XDG_CACHE_HOME: join(dir, '.cache'),
    XDG_STATE_HOME: join(dir, '.local/state'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
    ...(options.plugins?.length ? { MCPCTL_PLUGINS: options.plugins.join(delimiter) } : {}),
    ...options.env,
  };
  mkdirSync(env.XDG_RUNTIME_DIR!, { recursive: true });
  let configPath: string | undefined;
  if (typeof options.config === 'string') configPath = options.config;
  else if (options.config) {
    configPath = join(dir, 'mcpctl.config.json');
    writeFileSync(configPath, JSON.stringify(options.config, null, 2));
  }
  if (configPath) env.MCPCTL_CONFIG = configPath;
  return { dir, env, ...(configPath ? { configPath } : {}), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
