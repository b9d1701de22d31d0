import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/kernel.js';
import { createLazyLogger } from '../../src/logger.js';
import { REPO } from '../../../test/helpers/cli.js';

/**
 * A plugin that taps `config.transform` is set up while the config is being
 * loaded, before it is validated: its setup gets its `pluginConfig` section
 * as written (it used to wait for the validated config, which waited for it),
 * and that section is still validated with the rest afterwards.
 */

const home = mkdtempSync(join(tmpdir(), 'mcpctl-transform-'));
const pluginDir = join(home, 'plugins', 'mcpctl-plugin-defaults');
mkdirSync(pluginDir, { recursive: true });
writeFileSync(join(pluginDir, 'package.json'), JSON.stringify({
  name: 'mcpctl-plugin-defaults', version: '1.0.0', type: 'module',
  mcpctl: { apiVersion: '^1.0.0', entry: './index.js', configSchema: './schema.json', provides: { taps: ['config.transform'] } },
}));
writeFileSync(join(pluginDir, 'schema.json'), JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://example.test/schemas/defaults.json',
  $defs: { settings: { type: 'object', properties: { command: { type: 'string', minLength: 1 } }, required: ['command'], additionalProperties: false } },
}));
// Fills in `command` for stdio servers that leave it out, from the plugin's own settings.
writeFileSync(join(pluginDir, 'index.js'), `export default {
  name: 'mcpctl-plugin-defaults',
  setup(ctx) {
    ctx.hooks.config.transform.tapPromise(async (config) => {
      for (const entry of Object.values(config.servers ?? {})) if (entry.type === 'stdio' && entry.command === undefined) entry.command = ctx.config.command;
      return config;
    });
  },
};
`);

async function load(config: unknown) {
  const configPath = join(home, 'mcpctl.config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const kernel = await Kernel.boot({
    cwd: home,
    env: { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), MCPCTL_PLUGINS: pluginDir },
    logger: createLazyLogger({ level: 'silent', pretty: false }),
    builtins: ['@mcpctl/plugin-core'],
    builtinBase: join(REPO, 'cli'),
    configPath,
    cache: false,
  });
  return kernel.loadConfig();
}

describe('a config.transform tap with settings of its own', () => {
  it('is set up with its pluginConfig section and transforms the config before it is validated', async () => {
    const loaded = await load({ servers: { a: { type: 'stdio', args: ['server.js'] } }, pluginConfig: { 'mcpctl-plugin-defaults': { command: 'node' } } });
    expect(loaded.config.servers!.a).toMatchObject({ type: 'stdio', command: 'node', args: ['server.js'] });
  });

  it('still has its section validated with the rest of the config', async () => {
    await expect(load({ servers: {}, pluginConfig: { 'mcpctl-plugin-defaults': { command: '' } } })).rejects.toMatchObject({
      code: 'MCPCTL_CONFIG_INVALID',
      message: expect.stringContaining('/pluginConfig/mcpctl-plugin-defaults/command'),
    });
  });
});
