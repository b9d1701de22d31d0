import { homedir } from 'node:os';
import { join } from 'node:path';
import type { McpctlPaths } from './interfaces/services.js';

/**
 * Per-user directories, following the XDG base directory spec:
 * config $XDG_CONFIG_HOME/mcpctl, data $XDG_DATA_HOME/mcpctl (plugins under
 * it), cache $XDG_CACHE_HOME/mcpctl, state $XDG_STATE_HOME/mcpctl, runtime
 * $XDG_RUNTIME_DIR/mcpctl (falling back to the state directory).
 */
export function resolvePaths(env: NodeJS.ProcessEnv = process.env): McpctlPaths {
  const home = env.HOME || homedir();
  const xdg = (name: string, fallback: string) => join(env[name] || join(home, fallback), 'mcpctl');
  const state = xdg('XDG_STATE_HOME', '.local/state');
  const data = xdg('XDG_DATA_HOME', '.local/share');
  return {
    config: xdg('XDG_CONFIG_HOME', '.config'),
    data,
    cache: xdg('XDG_CACHE_HOME', '.cache'),
    state,
    runtime: env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'mcpctl') : state,
    plugins: join(data, 'plugins'),
  };
}
