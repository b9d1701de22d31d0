import { CONFIG_ENV_MISSING, CONFIG_ENV_SYNTAX, type ErrorFactory } from '../errors.js';
import { childPointer } from '@mcpctl/diagnostics';
import { isPlainObject } from './profiles.js';

export type Env = Readonly<Record<string, string | undefined>>;

// `$${` is an escaped `${`; `${env:…}` a reference (the closing brace may be missing: a syntax error).
const TOKEN = /\$\$\{|\$\{env:([^}]*)(\})?/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where a reference was found: text for the message, the rest for error details. */
export type DescribeLocation = (pointer: string) => { text: string; file?: string; line?: number; column?: number };

export interface InterpolationResult {
  value: string;
  /** Whether any `${env:…}` reference was replaced. */
  substituted: boolean;
}

/**
 * Replace `${env:NAME}` and `${env:NAME:-default}` in one string. The default
 * applies when the variable is unset or empty (as in the shell); `$${`
 * stands for a literal `${`. A missing variable without a default is
 * CONFIG_ENV_MISSING.
 */
export function interpolateString(input: string, env: Env, pointer = '', where: DescribeLocation = (p) => ({ text: p || '/' })): InterpolationResult {
  let substituted = false;
  // The message says where the reference is; the details carry the pointer and its place in the file.
  const located = (factory: ErrorFactory<[string, string]>, subject: string, extra: Record<string, unknown> = {}) => {
    const { text, ...position } = where(pointer);
    return factory(subject, text, { details: { ...extra, pointer, ...position } });
  };
  const value = input.replace(TOKEN, (match, body: string | undefined, close: string | undefined) => {
    if (match === '$${') return '${';
    const reference = `\${env:${body ?? ''}`;
    if (close === undefined) throw located(CONFIG_ENV_SYNTAX, reference);
    const separator = body!.indexOf(':-');
    const name = separator === -1 ? body! : body!.slice(0, separator);
    if (!NAME.test(name)) throw located(CONFIG_ENV_SYNTAX, `${reference}}`);
    substituted = true;
    const current = env[name];
    if (separator !== -1) return current === undefined || current === '' ? body!.slice(separator + 2) : current;
    if (current === undefined) throw located(CONFIG_ENV_MISSING, name, { variable: name });
    return current;
  });
  return { value, substituted };
}

/**
 * Interpolate every string in a value (not object keys), returning a new
 * value and appending the pointers of interpolated strings to `secrets`.
 */
export function interpolateValue(value: unknown, env: Env, pointer: string, secrets: string[], where?: DescribeLocation): unknown {
  if (typeof value === 'string') {
    const result = interpolateString(value, env, pointer, where);
    if (result.substituted) secrets.push(pointer);
    return result.value;
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolateValue(item, env, childPointer(pointer, index), secrets, where));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = interpolateValue(item, env, childPointer(pointer, key), secrets, where);
    return out;
  }
  return value;
}
