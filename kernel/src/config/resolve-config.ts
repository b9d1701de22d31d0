import type { McpctlConfig } from '../interfaces/config.js';
import { configInvalidError } from './config-invalid-error.js';
import { interpolateValue, type Env } from './interpolate.js';
import { childPointer, describeValue, formatLocation } from '@mcpctl/diagnostics';
import { locatePointer } from './locate.js';
import { applyProfile, isPlainObject, type PlainObject } from './profiles.js';
import type { RawConfigFile, ResolvedConfig } from './types.js';

export interface ResolveOptions {
  /** The profile to apply (the CLI resolves `--profile` and MCPCTL_PROFILE). */
  profile?: string;
  env: Env;
}

/** Top-level keys every resolved config has; `null` in the file counts as absent. */
const TOP_LEVEL_DEFAULTS: ReadonlyArray<[string, () => unknown]> = [
  ['servers', () => ({})],
  ['plugins', () => []],
  ['pluginConfig', () => ({})],
  ['profiles', () => ({})],
  ['logging', () => ({})],
];

/**
 * Turn a raw config file into the config commands use: apply the profile,
 * then interpolate `${env:…}` (after the merge, so an unused profile's
 * variables need not be set; `profiles` itself is never interpolated), then
 * fill missing top-level keys. Schema validation is a separate step
 * ({@link validateConfig}).
 */
export function resolveConfig(file: RawConfigFile | undefined, options: ResolveOptions): ResolvedConfig {
  const raw = file?.raw ?? {};
  if (!isPlainObject(raw)) {
    throw configInvalidError(
      [{ pointer: '', ...locatePointer(file, ''), message: `expected an object (a mapping of settings), found ${describeValue(raw)}`, expected: 'object', found: describeValue(raw), hint: 'A config file holds a mapping such as `servers: {…}` at its top level.' }],
      file?.filepath,
    );
  }
  const profile = options.profile === undefined || options.profile === '' ? undefined : options.profile;
  const merged = profile === undefined ? raw : applyProfile(raw, profile, { file: file?.filepath, pointer: '/profiles', ...locatePointer(file, '/profiles') });

  const secretPointers: string[] = [];
  const where = (pointer: string) => {
    const position = locatePointer(file, pointer, profile);
    return { text: `${formatLocation(file?.filepath, position)}  ${pointer}`, file: file?.filepath, ...position };
  };
  const config: PlainObject = {};
  for (const [key, value] of Object.entries(merged)) {
    config[key] = key === 'profiles' ? value : interpolateValue(value, options.env, childPointer('', key), secretPointers, where);
  }
  for (const [key, make] of TOP_LEVEL_DEFAULTS) {
    if (config[key] === undefined || config[key] === null) config[key] = make();
  }
  return { config: config as McpctlConfig, ...(profile === undefined ? {} : { profile }), secretPointers };
}
