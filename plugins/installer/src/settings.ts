import type { InstallerSettings } from './session.js';

/** pluginConfig["@mcpctl/plugin-installer"], as setup received it. */
let current: InstallerSettings = {};

export function rememberSettings(settings: InstallerSettings): void {
  current = settings;
}

export function settingsOf(): InstallerSettings {
  return current;
}
