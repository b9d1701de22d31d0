import { dirname } from 'node:path';
import type { KernelServices, ServerEntry } from '@mcpctl/kernel';
import { errors } from '@mcpctl/kernel';
import { BAD_TARGET } from './errors.js';
import { parseAssignments, parseHeaders, splitCommandLine } from './command-line.js';
import { UNKNOWN_SERVER } from '../errors.js';

/** The target options every client command takes. */
export interface TargetOptions {
  cmd?: string;
  env?: string[];
  cwd?: string;
  header?: string[];
  /** Force a transport for a URL target (http or sse). */
  transport?: string;
  /** Auth method for a URL target (`auth: { method }` of a configured entry). */
  auth?: string;
  /** Options of `--auth oauth` for a URL target (the oauth plugin reads them as its `auth:` block). */
  oauthClientId?: string;
  oauthClientSecret?: string;
  oauthGrant?: string;
  oauthScope?: string[];
}

/** A resolved target: what to connect to and how to name it. */
export interface Target {
  /** How messages name it: the server name, the URL, or the command line. */
  label: string;
  /** Configured server name, when the target came from config. */
  name?: string;
  entry: ServerEntry;
  /** Breaker key (configured servers and URLs); undefined for ad-hoc commands. */
  key?: string;
  /** Directory of the config file, for hosted server types. */
  baseDir?: string;
}

/** A URL target with no declared transport: try Streamable HTTP, fall back to SSE. */
export const AUTO_TRANSPORT = 'auto';

export function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/**
 * Resolve a target: `--cmd '<command line>'` (with --env, --cwd), an
 * http(s) URL, or a configured server name (unknown → UNKNOWN_SERVER listing
 * the configured ones). --header / --env / --cwd also apply to a configured entry.
 */
export async function resolveTarget(kernel: KernelServices, target: string | undefined, options: TargetOptions): Promise<Target> {
  const env = options.env?.length ? parseAssignments(options.env, '--env') : undefined;
  const headers = options.header?.length ? parseHeaders(options.header) : undefined;
  if (options.cmd !== undefined) {
    if (target) throw BAD_TARGET(`Give a target or --cmd, not both (got "${target}" and --cmd)`);
    const [command, ...args] = splitCommandLine(options.cmd);
    return {
      label: options.cmd,
      entry: { type: 'stdio', command: command!, args, ...(env ? { env } : {}), ...(options.cwd ? { cwd: options.cwd } : {}) },
    };
  }
  if (!target) throw BAD_TARGET('No target given');
  if (isUrl(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw BAD_TARGET(`Not a valid URL: ${target}`);
    }
    const type = options.transport ?? AUTO_TRANSPORT;
    if (!['http', 'sse', AUTO_TRANSPORT].includes(type)) throw BAD_TARGET(`--transport must be http or sse for a URL, not ${type}`);
    const auth = urlTargetAuth(options);
    return { label: target, entry: { type, url: url.href, ...(headers ? { headers } : {}), ...(auth ? { auth } : {}) }, key: `url:${url.origin}${url.pathname}` };
  }
  const loaded = await kernel.loadConfig();
  const servers = loaded.config.servers ?? {};
  const entry = Object.hasOwn(servers, target) ? servers[target] : undefined;
  if (!entry) {
    const names = Object.keys(servers);
    throw UNKNOWN_SERVER(target, names.length ? names.join(', ') : '(none)', names.length ? {} : {
      hint: loaded.filepath ? `No servers are configured in ${loaded.filepath}; add one under \`servers:\`, or give a URL or --cmd.` : 'No config file was found; create one with `mcpctl init`, or give a URL or --cmd.',
    });
  }
  const merged: ServerEntry = { ...entry };
  if (headers) merged.headers = { ...(entry.headers as Record<string, string> | undefined), ...headers };
  if (env) merged.env = { ...(entry.env as Record<string, string> | undefined), ...env };
  if (options.cwd) merged.cwd = options.cwd;
  return {
    label: target,
    name: target,
    entry: merged,
    key: `server:${target}`,
    ...(loaded.filepath ? { baseDir: dirname(loaded.filepath) } : {}),
  };
}

/** `--auth <method>` and the `--oauth-*` options (which imply `--auth oauth`) as a URL target's `auth:` block. */
function urlTargetAuth(options: TargetOptions): ServerEntry['auth'] {
  const oauth = {
    ...(options.oauthClientId ? { clientId: options.oauthClientId } : {}),
    ...(options.oauthClientSecret ? { clientSecret: options.oauthClientSecret } : {}),
    ...(options.oauthGrant ? { grant: options.oauthGrant } : {}),
    ...(options.oauthScope?.length ? { scopes: options.oauthScope } : {}),
  };
  const method = options.auth ?? (Object.keys(oauth).length > 0 ? 'oauth' : undefined);
  if (!method) return undefined;
  if (method !== 'oauth' && Object.keys(oauth).length > 0) throw BAD_TARGET(`--oauth-* options need --auth oauth, not --auth ${method}`);
  return { method, ...oauth };
}
