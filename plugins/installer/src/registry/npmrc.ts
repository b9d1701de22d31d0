import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'ini';

/**
 * The registry settings npm itself would use, flattened into the option keys
 * npm's libraries read (`registry`, `@scope:registry`, `//host/path/:_authToken`,
 * `//host/path/:_auth`, `//host/path/:username`/`:_password`, `strict-ssl`, `ca`, …):
 * user .npmrc (`npm_config_userconfig`, default ~/.npmrc) < the project's
 * .npmrc (the nearest one from the working directory up to the home directory)
 * < `npm_config_*` environment variables < `--registry`. `${NAME}` in values is
 * replaced from the environment, as npm does.
 */
export interface RegistrySettings {
  /** The default registry, with a trailing slash. */
  registry: string;
  /** Every setting, for pacote / arborist / npm-registry-fetch. */
  options: Record<string, string>;
  /** The files that were read, in order. */
  files: string[];
}

const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

export function loadRegistrySettings(input: { cwd: string; env: NodeJS.ProcessEnv; home: string; registry?: string }): RegistrySettings {
  const options: Record<string, string> = { registry: DEFAULT_REGISTRY };
  const files: string[] = [];
  const read = (file: string) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    files.push(file);
    for (const [key, value] of Object.entries(parse(text) as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') options[key] = expand(String(value), input.env);
    }
  };
  read(input.env.npm_config_userconfig ?? input.env.NPM_CONFIG_USERCONFIG ?? join(input.home, '.npmrc'));
  const project = nearestNpmrc(input.cwd, input.home);
  if (project && !files.includes(project)) read(project);
  for (const [name, value] of Object.entries(input.env)) {
    const match = /^npm_config_(.+)$/i.exec(name);
    if (!match || value === undefined || value === '') continue;
    const key = match[1]!.toLowerCase().replace(/_/g, '-');
    if (key === 'userconfig' || key === 'globalconfig' || key === 'cache' || key === 'prefix') continue;
    options[key] = value;
  }
  if (input.registry) options.registry = input.registry;
  options.registry = withSlash(options.registry!);
  for (const key of Object.keys(options)) if (/^@[^:]+:registry$/.test(key)) options[key] = withSlash(options[key]!);
  return { registry: options.registry, options, files };
}

/** The registry a package is fetched from: its scope's registry, or the default. */
export function registryFor(settings: RegistrySettings, name: string): string {
  const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
  return (scope && settings.options[`${scope}:registry`]) || settings.registry;
}

/** Whether any auth setting applies to a registry URL (for messages; tokens are never printed). */
export function hasAuthFor(settings: RegistrySettings, registry: string): boolean {
  const key = registry.replace(/^https?:/, '');
  return Object.keys(settings.options).some((option) => option.startsWith('//') && key.startsWith(option.slice(0, option.lastIndexOf(':'))) && /:(_authToken|_auth|_password)$/.test(option));
}

/**
 * The Authorization header npm would send for a URL: the credentials of the
 * longest `//host/path/` prefix of it that `.npmrc` has (`:_authToken` as a
 * bearer token; `:_auth`, or `:username` with the base64 `:_password`, as
 * basic auth). A URL no credentials are configured for gets none, so a
 * registry's token never goes to another host.
 */
export function authorizationFor(settings: RegistrySettings, url: string): string | undefined {
  const { host, pathname } = new URL(url);
  for (let path = pathname.slice(0, pathname.lastIndexOf('/') + 1); path.length > 0; path = path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1)) {
    const key = `//${host}${path}`;
    const option = (name: string) => settings.options[`${key}:${name}`];
    if (option('_authToken')) return `Bearer ${option('_authToken')}`;
    if (option('_auth')) return `Basic ${option('_auth')}`;
    const username = option('username');
    const password = option('_password');
    if (username && password) return `Basic ${Buffer.from(`${username}:${Buffer.from(password, 'base64').toString('utf8')}`).toString('base64')}`;
  }
  return undefined;
}

function nearestNpmrc(cwd: string, home: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const file = join(dir, '.npmrc');
    try {
      readFileSync(file);
      return file;
    } catch {
      /* keep looking */
    }
    if (dir === home || dirname(dir) === dir) return undefined;
  }
}

function expand(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([^}]+)\}/g, (_, name: string) => env[name] ?? '');
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
