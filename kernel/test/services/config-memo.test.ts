import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kernel, type KernelOptions } from '../../src/kernel.js';
import { createLazyLogger } from '../../src/logger.js';
import { REPO } from '../../../test/helpers/cli.js';

/** A kernel like the ones the daemon boots for client commands, over a temp HOME and an explicit config file. */
async function boot(configPath: string, env: NodeJS.ProcessEnv, options: Partial<KernelOptions> = {}): Promise<Kernel> {
  return Kernel.boot({
    cwd: join(configPath, '..'),
    env,
    logger: createLazyLogger({ level: 'silent', pretty: false }),
    builtins: ['@mcpctl/plugin-core'],
    builtinBase: join(REPO, 'cli'),
    configPath,
    sessionsOnly: true,
    ...options,
  });
}

describe('a process that loads the same config again (the daemon running client commands)', () => {
  const home = mkdtempSync(join(tmpdir(), 'mcpctl-memo-'));
  const configPath = join(home, 'mcpctl.config.json');
  const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), GREETING: 'hello' };
  const write = (text: string, mtime: Date) => {
    writeFileSync(configPath, text);
    utimesSync(configPath, mtime, mtime);
  };

  it('gets an equal copy it may change, and a fresh load when the file, the environment or the profile changes', async () => {
    write(JSON.stringify({ servers: { a: { type: 'stdio', command: 'node', args: ['${env:GREETING}'] } }, profiles: { other: { servers: { b: { type: 'stdio', command: 'true' } } } } }), new Date(2026, 0, 1));
    const first = await (await boot(configPath, env)).loadConfig();
    const second = await (await boot(configPath, env)).loadConfig();
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    (second.config.servers!.a as { args: string[] }).args.push('changed');
    expect((await (await boot(configPath, env)).loadConfig()).config.servers!.a).toMatchObject({ args: ['hello'] });

    // Remembered by mtime and size (as the discovery cache is): a same-size edit that keeps the mtime is not seen.
    const same = JSON.stringify({ servers: { a: { type: 'stdio', command: 'nodx', args: ['${env:GREETING}'] } }, profiles: { other: { servers: { b: { type: 'stdio', command: 'true' } } } } });
    write(same, new Date(2026, 0, 1));
    expect((await (await boot(configPath, env)).loadConfig()).config.servers!.a).toMatchObject({ command: 'node' });

    // The environment decides ${env:…}.
    expect((await (await boot(configPath, { ...env, GREETING: 'hi' })).loadConfig()).config.servers!.a).toMatchObject({ args: ['hi'] });

    // A new mtime (same size) means a new file.
    write(JSON.stringify({ servers: { a: { type: 'stdio', command: 'node', args: ['${env:GREETING}'] } }, profiles: { other: { servers: { c: { type: 'stdio', command: 'true' } } } } }), new Date(2026, 0, 2));
    const kernel = await boot(configPath, env, { profile: 'other' });
    expect(Object.keys((await kernel.loadConfig()).config.servers!).sort()).toEqual(['a', 'c']);

    // An invalid file is an error every time, never a remembered success.
    write('{ "servers": { "a": { "type": "stdio" } } }', new Date(2026, 0, 3));
    await expect((await boot(configPath, env)).loadConfig()).rejects.toMatchObject({ code: 'MCPCTL_CONFIG_INVALID' });
    await expect((await boot(configPath, env)).loadConfig()).rejects.toMatchObject({ code: 'MCPCTL_CONFIG_INVALID' });
  });
});
