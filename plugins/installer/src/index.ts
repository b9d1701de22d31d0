import { definePlugin } from '@mcpctl/kernel';
import { pluginsCreate } from './commands/create.js';
import { pluginsInstall } from './commands/install.js';
import { pluginsLink } from './commands/link.js';
import { pluginsOutdated } from './commands/outdated.js';
import { pluginsSearch } from './commands/search.js';
import { pluginsUninstall } from './commands/uninstall.js';
import { pluginsUpdate } from './commands/update.js';
import type { InstallerSettings } from './session.js';
import { rememberSettings } from './settings.js';

export type { Installer, InstallerName, InstallOutcome, InstallRequest, InstalledPackage, SharedPackage } from './install/installer.js';

/**
 * The installer plugin: `mcpctl plugins install|uninstall|update|outdated|link|search|create`.
 * Setup only registers specs; each command imports its implementation (and
 * arborist, pacote or live-plugin-manager) when it runs.
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
