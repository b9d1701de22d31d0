import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootTestKernel, type TestKernel } from '@mcpctl/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, publishedWorld, removeUser, type PublishedWorld, type TestUser } from './helpers/world.js';

/**
 * End to end: a plugin installed from the registry by `mcpctl plugins install`
 * is listed by `--help`, its command runs, and its server type serves — seen
 * by the CLI as a user runs it, and through @mcpctl/testing in-process.
 */
let world: PublishedWorld;
let user: TestUser;
let harness: TestKernel;

beforeAll(async () => {
  world = await publishedWorld();
  user = createUser(world.registry);
  writeFileSync(join(user.home, 'mcpctl.config.yaml'), 'servers:\n  hello: { type: greeter, prefix: "> " }\n');
  const installed = user.run(['plugins', 'install', 'mcpctl-plugin-greet@^1', '--yes']);
  expect(installed.code, installed.stderr).toBe(0);
  // The harness boots a kernel that sees the same user plugin folder and config.
  harness = await bootTestKernel({ config: join(user.home, 'mcpctl.config.yaml'), env: { XDG_DATA_HOME: user.env.XDG_DATA_HOME } });
});
afterAll(async () => {
  await harness?.close();
  if (user) removeUser(user);
  await world?.stop();
});

describe('an installed plugin', () => {
  it('appears in mcpctl --help and its command runs', () => {
    expect(user.run(['--help']).stdout).toMatch(/Fixtures:\n\s+greet\s+Greet someone \(installed fixture\)/);
    expect(user.run(['greet', 'Ada']).stdout.trim()).toBe('hello Ada from 1.1.0');
  });

  it('serves its server type: mcpctl tools and call against a configured entry', () => {
    expect(user.run(['tools', 'hello']).stdout).toMatch(/greet\s+Greets/);
    const call = user.json(['call', 'hello', 'greet', 'name=Ada']);
    expect(call.content).toEqual([{ type: 'text', text: '> hello Ada' }]);
  });

  it('runs and serves in-process through @mcpctl/testing', async () => {
    const result = await harness.run(['greet', 'Grace', '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.json()).toEqual({ text: 'hello Grace from 1.1.0' });
    const client = await harness.connect('hello');
    expect((await client.listTools()).map((tool) => tool.name)).toEqual(['greet']);
    expect(await client.callTool('greet', { name: 'Ada' })).toMatchObject({ content: [{ type: 'text', text: '> hello Ada' }] });
  });

  it('is listed with its source and installed version, and plugins info shows it', async () => {
    const list = await harness.run(['plugins', 'list', '--json']);
    expect(list.json<Array<{ name: string }>>().find((plugin) => plugin.name === 'mcpctl-plugin-greet')).toMatchObject({ source: 'user', version: '1.1.0' });
    const unknown = await harness.run(['plugins', 'uninstall', 'mcpctl-plugin-nope', '--json']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.json<{ code: string }>().code).toBe('MCPCTL_PLUGIN_NOT_INSTALLED');
  });
});
