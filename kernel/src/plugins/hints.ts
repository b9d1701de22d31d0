import { isMcpctlError, McpctlError } from '../errors.js';
import type { Catalog } from './catalog.js';

/**
 * How to install a plugin package, in words. The command that does it
 * belongs to a plugin (its manifest's `provides.hints.install`, a template
 * with `{package}`); without one, the plain npm route.
 */
export function installHint(catalog: Pick<Catalog, 'hintFor'>, packageName: string): string {
  const template = catalog.hintFor('install');
  return template ? template.replaceAll('{package}', packageName) : `install the npm package ${packageName} where mcpctl finds plugins (see docs/writing-plugins.md#installing-a-plugin)`;
}

/**
 * The error with the advice plugins give for its code appended to its hint
 * (`provides.hints`, e.g. core's "run `mcpctl plugins doctor`" for
 * PROVIDER_UNAVAILABLE); anything else is returned as it is.
 */
export function withPluginHint(catalog: Pick<Catalog, 'hintFor'>, error: unknown): unknown {
  if (!isMcpctlError(error)) return error;
  const extra = catalog.hintFor(error.code);
  if (!extra || error.hint?.includes(extra)) return error;
  const hinted = new McpctlError(error.code, error.message, {
    hint: error.hint ? `${error.hint} ${extra}` : extra,
    exitCode: error.exitCode,
    ...(error.cause !== undefined ? { cause: error.cause } : {}),
    ...(error.details ? { details: error.details } : {}),
  });
  hinted.stack = error.stack;
  return hinted;
}
