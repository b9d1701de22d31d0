import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/kernel.js';
import { createLazyLogger } from '../../src/logger.js';
import { FIXTURE_PLUGINS, REPO } from '../../../test/helpers/cli.js';

/** A plugin that taps the declarer's greeting hook, then fails its setup. */
function tapThenFail(home: string): string {
  const dir = join(home, 'tap-then-fail');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'mcpctl-plugin-tap-then-fail', version: '1.0.0', type: 'module',
    mcpctl: { apiVersion: '^1.0.0', entry: './index.js', provides: { taps: ['hook-declarer.greeting'] } },
  }));
  writeFileSync(join(dir, 'index.js'), `export default { name: 'mcpctl-plugin-tap-then-fail', setup(ctx) {
    ctx.hooks.plugin('hook-declarer.greeting').tap((text) => text + ' (from a broken plugin)');
    throw new Error('setup broke after tapping');
  } };\n`);
  return dir;
}

async function demo(plugins: string[]): Promise<{ kernel: Kernel; output: { greeting: string } }> {
  const home = mkdtempSync(join(tmpdir(), 'mcpctl-declared-'));
  const paths = plugins.map((name) => (name === 'tap-then-fail' ? tapThenFail(home) : join(FIXTURE_PLUGINS, name)));
  const kernel = await Kernel.boot({
    cwd: home,
    env: { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), MCPCTL_PLUGINS: paths.join(delimiter) },
    logger: createLazyLogger({ level: 'silent', pretty: false }),
    builtins: [],
    builtinBase: join(REPO, 'cli'),
    cache: false,
  });
  const spec = await kernel.commandSpec(['hook-demo']);
  let output: unknown;
  const io = { printJson: (value: unknown) => void (output = value) };
  await spec.run({ options: { name: 'ada' }, positionals: {}, rest: [], io, kernel, signal: new AbortController().signal } as never);
  return { kernel, output: output as { greeting: string } };
}

describe('hooks a plugin declares', () => {
  it('pass through the taps of a plugin whose setup failed, like kernel hooks do', async () => {
    const { kernel, output } = await demo(['hook-declarer', 'tap-then-fail', 'hook-tapper']);
    expect(output.greeting).toBe('hello!, ada');
    expect(kernel.plugins.get('mcpctl-plugin-tap-then-fail')!.state).toBe('failed');
    expect(kernel.plugins.problems()).toContainEqual(expect.objectContaining({ code: 'MCPCTL_PLUGIN_SETUP_FAILED', plugin: 'mcpctl-plugin-tap-then-fail' }));
  });

  it('time every tap under its plugin and the hook name', async () => {
    const { kernel } = await demo(['hook-declarer', 'hook-tapper']);
    expect(kernel.tapStats.get('mcpctl-plugin-hook-tapper hook-declarer.greeting')).toMatchObject({ calls: 1, errors: 0 });
    expect(kernel.tapStats.get('mcpctl-plugin-hook-declarer hook-declarer.greeting')).toMatchObject({ calls: 1 });
    expect(kernel.tapStats.get('mcpctl-plugin-hook-tapper hook-declarer.byName.for(ada)')).toMatchObject({ calls: 1 });
  });

  it('are refused to a plugin that did not declare them (ownHooks)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpctl-declared-'));
    const dir = join(home, 'thief');
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'mcpctl-plugin-thief', version: '1.0.0', type: 'module', mcpctl: { apiVersion: '^1.0.0', entry: './index.js', provides: { taps: ['health'] } } }));
    writeFileSync(join(dir, 'index.js'), "export default { name: 'mcpctl-plugin-thief', setup(ctx) { ctx.ownHooks.hook('hook-declarer.greeting'); } };\n");
    const kernel = await Kernel.boot({
      cwd: home,
      env: { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), MCPCTL_PLUGINS: [join(FIXTURE_PLUGINS, 'hook-declarer'), dir].join(delimiter) },
      logger: createLazyLogger({ level: 'silent', pretty: false }),
      builtins: [],
      builtinBase: join(REPO, 'cli'),
      cache: false,
    });
    expect(await kernel.runHealthChecks({ name: 'x' })).toEqual([]);
    expect(kernel.plugins.problems()).toContainEqual(expect.objectContaining({
      code: 'MCPCTL_PLUGIN_SETUP_FAILED', plugin: 'mcpctl-plugin-thief',
      message: expect.stringContaining('asked for its own hook "hook-declarer.greeting", which its manifest does not declare'),
    }));
  });
});
