import { defineCommand } from '@mcpctl/kernel';
import { settingsOf } from '../../settings.js';
import { installOptions } from './options.js';

export const pluginsInstall = defineCommand({
  path: ['plugins', 'install'],
  summary: 'Install plugins from the npm registry, a tarball or a directory',
  description:
    'Each spec is a package name, name@range, name@tag, a local .tgz file or a local directory; several install in one go, all or none. ' +
    'The registry is the one npm would use (.npmrc, npm_config_registry, scoped registries and auth tokens); --registry overrides. ' +
    'Every package is checked against the registry\'s sha512 dist.integrity before anything is extracted, the manifest and apiVersion before anything is written, ' +
    'and the plugin\'s setup runs once in a child process before it is moved into place. Package scripts run only with --allow-scripts. ' +
    'Without specs, installs exactly what the config\'s `plugins:` list names (package names with ranges), reusing the versions recorded in plugins.json, like `npm ci`.',
  examples: [
    ['Install a plugin', 'mcpctl plugins install mcpctl-plugin-greet'],
    ['A range, without asking', 'mcpctl plugins install "mcpctl-plugin-greet@^1.2" --yes'],
    ['From a private registry', 'mcpctl plugins install @acme/mcpctl-plugin-x --registry https://npm.acme.example/'],
    ['What the config names', 'mcpctl plugins install'],
    ['Again, although it is installed', 'mcpctl plugins install mcpctl-plugin-greet --force'],
  ],
  options: { ...installOptions, force: { type: 'boolean', description: 'Install again even when the same version (same integrity) is installed (--allow-scripts always does)' } },
  rest: { name: 'specs', description: 'Package names, name@range, name@tag, .tgz files or directories' },
  async run({ io, kernel, options, rest }) {
    // The setup-check child starts first: Node and the kernel load while the installer does.
    const { withWarmChecker } = await import('../../install/setup-check.js');
    return withWarmChecker(options.setupTimeout, async (checker) => {
      const { runInstall } = await import('../../run/plugins/install.js');
      return runInstall({ io, kernel, options, specs: rest, defaults: settingsOf(), checker });
    });
  },
});
