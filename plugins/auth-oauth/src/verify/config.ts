import type { AuthConfig } from '@mcpctl/kernel';
import { VERIFIER_CONFIG_INVALID } from '../errors.js';

/** Small typed readers for a verifier's `auth:` block; values are never echoed (they may be secrets). */
export class ConfigReader {
  constructor(private readonly config: AuthConfig, private readonly method: string, known: string[]) {
    for (const key of Object.keys(config)) if (key !== 'method' && !known.includes(key)) throw this.fail(`unknown option "${key}"`);
  }

  fail(why: string) {
    return VERIFIER_CONFIG_INVALID(this.method, why);
  }

  string(key: string, required: true): string;
  string(key: string, required?: false): string | undefined;
  string(key: string, required = false): string | undefined {
    const value = this.config[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.length === 0) throw this.fail(`"${key}" ${required ? 'is required and ' : ''}must be a non-empty string`);
    return value;
  }

  url(key: string, required: true): string;
  url(key: string, required?: false): string | undefined;
  url(key: string, required = false): string | undefined {
    const value = required ? this.string(key, true) : this.string(key);
    if (value !== undefined && !/^https?:\/\/[^\s]+$/.test(value)) throw this.fail(`"${key}" must be an http(s) URL`);
    return value;
  }

  strings(key: string): string[] | undefined {
    const value = this.config[key];
    if (value === undefined) return undefined;
    const list = typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value;
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && s.length > 0)) throw this.fail(`"${key}" must be a list of strings`);
    return list as string[];
  }

  number(key: string, fallback: number): number {
    const value = this.config[key];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw this.fail(`"${key}" must be a non-negative number`);
    return value;
  }

  raw(key: string): unknown {
    return this.config[key];
  }
}
