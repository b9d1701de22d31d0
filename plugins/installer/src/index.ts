import { definePlugin } from '@mcpctl/kernel';
import { pluginsCreate } from './commands/plugins/create.js';
import { pluginsInstall } from './commands/plugins/install.js';
import { pluginsLink } from './commands/plugins/link.js';
import { pluginsOutdated } from './commands/plugins/outdated.js';
import { pluginsSearch } from './commands/plugins/search.js';
import { pluginsUninstall } from './commands/plugins/uninstall.js';
import { pluginsUpdate } from './commands/plugins/update.js';
import type { InstallerSettings } from './session.js';
import { rememberSettings } from './settings.js';

export type { Installer, InstallerName, InstallOutcome, InstallRequest, InstalledPackage, SharedPackage } from './install/installer.js';
export type { RegistryClient } from './registry/registry-client.js';
export type { Packument, PackumentVersion } from './registry/packument.js';

/**
 * The installer plugin: `mcpctl plugins install|uninstall|update|outdated|link|search|create`.
 * Setup only registers specs; each command imports its implementation (and
 * its installer: the direct one, arborist or live-plugin-manager) when it runs.
 */
export default definePlugin<InstallerSettings>({
  name: '@mcpctl/plugin-installer',
  setup(ctx) {
    rememberSettings(ctx.config);
    ctx.hooks.commands.tap((registry) => {
      for (const spec of [pluginsInstall, pluginsUninstall, pluginsUpdate, pluginsOutdated, pluginsLink, pluginsSearch, pluginsCreate]) registry.register(spec);
    });
  },
});
