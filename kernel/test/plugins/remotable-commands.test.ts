import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/kernel.js';
import { createLazyLogger } from '../../src/logger.js';
import { cachedRemotableCommands, discoveryCacheFile } from '../../src/plugins/remotable-commands.js';
import { REPO } from '../../../test/helpers/cli.js';

describe('remotable commands from the discovery cache (the daemon fast path)', () => {
  it('lists the paths manifests mark remotable, as the last boot recorded them', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpctl-remotable-'));
    const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
    expect(cachedRemotableCommands(env)).toBeUndefined();
    const kernel = await Kernel.boot({
      cwd: home,
      env,
      logger: createLazyLogger({ level: 'silent', pretty: false }),
      builtins: ['@mcpctl/plugin-core', '@mcpctl/plugin-daemon'],
      builtinBase: join(REPO, 'cli'),
    });
    const fromCatalog = kernel.plugins.commands().filter((command) => command.remotable).map((command) => command.path.join(' ')).sort();
    expect(fromCatalog).toEqual(['call', 'ping', 'prompt', 'prompts', 'read', 'resources', 'templates', 'tools']);
    expect(cachedRemotableCommands(env)?.map((path) => path.join(' ')).sort()).toEqual(fromCatalog);
    expect(discoveryCacheFile(env)).toBe(join(home, 'cache', 'mcpctl', 'discovery.json'));
  });

  it('reads nothing from a cache it cannot parse, and skips malformed and failed entries', () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpctl-remotable-'));
    const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
    mkdirSync(join(home, 'cache', 'mcpctl'), { recursive: true });
    writeFileSync(discoveryCacheFile(env), '{ not json');
    expect(cachedRemotableCommands(env)).toBeUndefined();
    writeFileSync(
      discoveryCacheFile(env),
      JSON.stringify({
        entries: {
          a: { inspected: { record: { state: 'discovered', manifest: { provides: { commands: [{ path: ['x', 'y'], remotable: true }, { path: ['z'] }, { path: 'bad', remotable: true }] } } } } },
          b: { inspected: { record: { state: 'failed', manifest: { provides: { commands: [{ path: ['broken'], remotable: true }] } } } } },
          c: null,
        },
      }),
    );
    expect(cachedRemotableCommands(env)).toEqual([['x', 'y']]);
  });
});
