import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI package's directory: built-in plugins resolve from it. */
export const CLI_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const cliPackage = JSON.parse(readFileSync(`${CLI_DIR}/package.json`, 'utf8')) as {
  version: string;
  mcpctl: {
    builtins: string[];
    /** Official plugins by what they provide (type or auth method → package), for "install X" hints. */
    knownProviders: Record<string, string>;
    /** The global options (accepted anywhere before `--`); the daemon's fast path reads them here too. */
    globalOptions: { withValue: string[]; flags: string[] };
  };
};
