import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { SharedPackage } from './installer.js';

/**
 * Packages every plugin shares with the running mcpctl: the kernel, and the
 * library packages plugins build on when this mcpctl has them. A plugin's
 * dependency or peer dependency on one of them is satisfied by the running
 * copy, never installed a second time.
 */
export const SHARED_PACKAGE_NAMES = ['@mcpctl/kernel', '@mcpctl/diagnostics', '@mcpctl/toolkit'] as const;

export function sharedPackages(): SharedPackage[] {
  const require = createRequire(import.meta.url);
  const found: SharedPackage[] = [];
  for (const name of SHARED_PACKAGE_NAMES) {
    try {
      const manifestPath = require.resolve(`${name}/package.json`);
      const { version } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
      found.push({ name, dir: dirname(manifestPath), version });
    } catch {
      /* not part of this mcpctl */
    }
  }
  return found;
}
