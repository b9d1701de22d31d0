/**
 * The environment a spawned stdio server gets: a safe inherited subset of
 * ours (enough to find programs, a home and a locale, not our secrets)
 * with the entry's explicit `env` merged over it.
 */
const INHERITED_POSIX = ['HOME', 'LOGNAME', 'USER', 'PATH', 'SHELL', 'TERM', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'NODE_EXTRA_CA_CERTS', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR'];
const INHERITED_WINDOWS = ['APPDATA', 'HOMEDRIVE', 'HOMEPATH', 'LOCALAPPDATA', 'PATH', 'PATHEXT', 'PROCESSOR_ARCHITECTURE', 'SYSTEMDRIVE', 'SYSTEMROOT', 'TEMP', 'TMP', 'USERNAME', 'USERPROFILE', 'PROGRAMFILES', 'COMSPEC'];

export function inheritedEnvNames(platform: NodeJS.Platform = process.platform): readonly string[] {
  return platform === 'win32' ? INHERITED_WINDOWS : INHERITED_POSIX;
}

export function serverEnvironment(
  explicit: Record<string, string> | undefined,
  parent: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of inheritedEnvNames(platform)) {
    const value = parent[name];
    // Skip exported shell functions: they are code, not configuration.
    if (value === undefined || value.startsWith('()')) continue;
    env[name] = value;
  }
  return { ...env, ...explicit };
}
