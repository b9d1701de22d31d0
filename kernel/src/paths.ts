import { homedir } from 'node:os';
import { join } from 'node:path';
import type { McpctlPaths } from './interfaces/services.js';

/**
 * Per-user directories, following the XDG base directory spec:
 * config $XDG_CONFIG_HOME/mcpctl, data $XDG_DATA_HOME/mcpctl (plugins under
 * it), cache $XDG_CACHE_HOME/mcpctl, state $XDG_STATE_HOME/mcpctl, runtime
 * $XDG_RUNTIME_DIR/mcpctl (falling back to the state directory). Relative
 * XDG values are ignored, as the spec says.
 */
export function resolvePaths(env: NodeJS.ProcessEnv = process.env): McpctlPaths {
  const home = homeDirectory(env);
  // The XDG spec: a relative value is invalid and is ignored.
  const absolute = (name: string) => (env[name]?.startsWith('/') ? env[name] : undefined);
  const xdg = (name: string, fallback: string) => join(absolute(name) ?? join(home, fallback), 'mcpctl');
  const state = xdg('XDG_STATE_HOME', '.local/state');
  const data = xdg('XDG_DATA_HOME', '.local/share');
  const runtimeBase = absolute('XDG_RUNTIME_DIR');
  return {
    config: xdg('XDG_CONFIG_HOME', '.config'),
    data,
    cache: xdg('XDG_CACHE_HOME', '.cache'),
    state,
    runtime: runtimeBase ? join(runtimeBase, 'mcpctl') : state,
    plugins: join(data, 'plugins'),
  };
}

/** `HOME` from env, when set and not empty; the OS's idea of it otherwise. */
export function homeDirectory(env: Readonly<Record<string, string | undefined>>): string {
  return env['HOME'] || homedir();
}
