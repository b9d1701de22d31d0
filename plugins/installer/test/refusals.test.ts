import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, snapshot, type TestUser, useWorld } from './helpers/world.js';

const shared = useWorld();
const newUser = () => shared.newUser();

describe('refusals leave the previous state intact', () => {
  let user: TestUser;
  let before: string;
  beforeAll(() => {
    user = newUser();
    expect(user.run(['plugins', 'install', 'mcpctl-plugin-greet@1.0.0']).code).toBe(0);
    before = snapshot(user.pluginDir);
  });

  it('an apiVersion this kernel does not have, naming the versions that fit, before anything is written', () => {
    const result = user.run(['plugins', 'install', 'mcpctl-plugin-future', '--json']);
    expect(result.code).toBe(1);
    const error = JSON.parse(result.stdout);
    expect(error.code).toBe('MCPCTL_INSTALL_API_INCOMPATIBLE');
    expect(error.message).toContain('versions that fit: 0.9.0');
    expect(error.details.versionsThatFit).toEqual(['0.9.0']);
    expect(snapshot(user.pluginDir)).toBe(before);
  });

  it('a setup that throws (run once in a child process)', () => {
    const result = user.run(['plugins', 'install', 'mcpctl-plugin-setup-throws-fixture', '--json']);
    expect(result.code).toBe(1);
    const error = JSON.parse(result.stdout);
    expect(error.code).toBe('MCPCTL_INSTALL_SETUP_FAILED');
    expect(error.message).toContain('fixture setup refuses to start');
    expect(snapshot(user.pluginDir)).toBe(before);
  });

  it('a package that is not a plugin, and a package that does not exist', () => {
    const notPlugin = user.run(['plugins', 'install', 'mcpctl-fixture-not-a-plugin', '--json']);
    expect(notPlugin.code).toBe(2);
    expect(JSON.parse(notPlugin.stdout).code).toBe('MCPCTL_INSTALL_NOT_A_PLUGIN');
    const missing = user.run(['plugins', 'install', 'mcpctl-plugin-does-not-exist', '--json']);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout)).toMatchObject({ code: 'MCPCTL_INSTALL_FETCH_FAILED' });
    expect(snapshot(user.pluginDir)).toBe(before);
  });

  it('a range no published version matches names the versions and tags there are', () => {
    const result = user.run(['plugins', 'install', 'mcpctl-plugin-greet@^7', '--json']);
    expect(result.code).toBe(2);
    const error = JSON.parse(result.stdout);
    expect(error.code).toBe('MCPCTL_INSTALL_VERSION_NOT_FOUND');
    expect(error.message).toBe('No version of mcpctl-plugin-greet matches "^7" (published: 2.0.0, 1.1.0, 1.0.0; tags latest=2.0.0)');
    expect(error.details).toMatchObject({ wanted: '^7', published: ['2.0.0', '1.1.0', '1.0.0'], distTags: { latest: '2.0.0' } });
    expect(snapshot(user.pluginDir)).toBe(before);
  });

  it('several specs are all or nothing', () => {
    const result = user.run(['plugins', 'install', 'mcpctl-plugin-cjs-fixture', 'mcpctl-plugin-setup-throws-fixture']);
    expect(result.code).toBe(1);
    expect(snapshot(user.pluginDir)).toBe(before);
    expect(user.run(['greet']).stdout.trim()).toBe('hello world from 1.0.0');
  });

  it('an update whose latest needs another plugin API', () => {
    const result = user.run(['plugins', 'update', 'mcpctl-plugin-greet', '--latest', '--json']);
    expect(result.code).toBe(1);
    const error = JSON.parse(result.stdout);
    expect(error.code).toBe('MCPCTL_UPDATE_REFUSED');
    expect(error.message).toContain('2.0.0 needs plugin API ^9.0.0');
    expect(snapshot(user.pluginDir)).toBe(before);
  });
});

describe('lifecycle scripts', () => {
  it('never run unless --allow-scripts', () => {
    const user = newUser();
    const marker = join(user.home, 'script-ran');
    const env = { MCPCTL_TEST_SCRIPT_MARKER: marker };
    expect(user.run(['plugins', 'install', 'mcpctl-plugin-scripted'], { env }).code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(user.run(['plugins', 'install', 'mcpctl-plugin-scripted', '--allow-scripts'], { env }).code).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('ran');
    const refused = user.run(['plugins', 'install', 'mcpctl-plugin-scripted', '--allow-scripts', '--installer', 'live-plugin-manager', '--json'], { env });
    expect(JSON.parse(refused.stdout).code).toBe('MCPCTL_INSTALL_SCRIPTS_UNSUPPORTED');
  });
});

describe('a scoped package behind registry auth', () => {
  it('is refused without a token and installs with the token from .npmrc', async () => {
    const user = newUser();
    const denied = user.run(['plugins', 'install', '@private/mcpctl-plugin-secret', '--json']);
    expect(denied.code).toBe(3);
    expect(JSON.parse(denied.stdout).code).toBe('MCPCTL_INSTALL_FETCH_FAILED');
    const token = await shared.world.registry.addUser('reader', 'reader-pass');
    const host = shared.world.registry.url.replace(/^http:/, '');
    // The default registry is elsewhere; only the scope points at the private one, with its token.
    writeFileSync(join(user.home, '.npmrc'), `registry=http://127.0.0.1:9/\n@private:registry=${shared.world.registry.url}/\n${host}/:_authToken=\${PRIVATE_TOKEN}\n`);
    const result = user.run(['plugins', 'install', '@private/mcpctl-plugin-secret', '--json'], { env: { npm_config_registry: '', PRIVATE_TOKEN: token } });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(user.run(['secret']).stdout.trim()).toBe('the secret plugin runs');
    expect(user.record().plugins['@private/mcpctl-plugin-secret'].registry).toBe(`${shared.world.registry.url}/`);
    expect(JSON.stringify(user.record())).not.toContain(token);
  });
});

describe('on a terminal', () => {
  /** Runs the CLI under a pseudo-terminal (util-linux `script`), typing `input`. */
  const onTerminal = (user: TestUser, args: string[], input: string) => {
    const command = [process.execPath, CLI, ...args].map((word) => `'${word}'`).join(' ');
    return spawnSync('script', ['-qec', command, '/dev/null'], { cwd: user.home, env: { ...user.env, TERM: 'dumb' }, input, encoding: 'utf8', timeout: 45_000 });
  };

  it('shows what the plugin provides and asks; no installs nothing, yes installs; --yes skips the question', () => {
    if (spawnSync('script', ['--version']).status !== 0) {
      if (process.env.CI) throw new Error('util-linux `script` is needed for the terminal test');
      console.warn('SKIPPED: no `script` command for a pseudo-terminal');
      return;
    }
    const user = newUser();
    const declined = onTerminal(user, ['plugins', 'install', 'mcpctl-plugin-greet@1.0.0'], 'n\n');
    expect(declined.stdout).toContain('command      mcpctl greet — Greet someone (installed fixture)');
    expect(declined.stdout).toContain('server type  greeter');
    expect(declined.stdout).toMatch(/Install mcpctl-plugin-greet@1\.0\.0\? \[y\/N\]/);
    expect(declined.stdout).toContain('MCPCTL_INSTALL_DECLINED');
    expect(existsSync(join(user.pluginDir, 'mcpctl-plugin-greet'))).toBe(false);

    const accepted = onTerminal(user, ['plugins', 'install', 'mcpctl-plugin-greet@1.0.0'], 'y\n');
    expect(accepted.stdout).toContain('✓ mcpctl-plugin-greet@1.0.0');
    // Download progress, rewritten in place on the terminal.
    expect(accepted.stdout).toMatch(/\[#{20}\] 2\/2 mcpctl-/);
    expect(user.run(['greet']).stdout.trim()).toBe('hello world from 1.0.0');

    const unattended = onTerminal(user, ['plugins', 'install', 'mcpctl-plugin-cjs-fixture', '--yes'], '');
    expect(unattended.stdout).not.toContain('[y/N]');
    expect(unattended.stdout).toContain('✓ mcpctl-plugin-cjs-fixture@1.0.0');
  });
});
