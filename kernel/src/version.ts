import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; mcpctl: { pluginApiVersion: string } };

/** The kernel package version. */
export const KERNEL_VERSION: string = pkg.version;
/** The plugin API version plugins' `apiVersion` ranges are checked against. */
export const PLUGIN_API_VERSION: string = pkg.mcpctl.pluginApiVersion;
