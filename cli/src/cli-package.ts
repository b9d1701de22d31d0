import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI package's directory: built-in plugins resolve from it. */
export const CLI_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const cliPackage = JSON.parse(readFileSync(`${CLI_DIR}/package.json`, 'utf8')) as { version: string; mcpctl: { builtins: string[] } };
