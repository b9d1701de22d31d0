import { afterAll, beforeAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packDirectory, startRegistry, type TestRegistry } from './registry.js';

export const REPO = resolve(import.meta.dirname, '../../../..');
export const CLI = join(REPO, 'cli/bin/mcpctl.js');
export const FIXTURES = resolve(import.meta.dirname, '../fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A throwaway user: HOME, XDG folders, and npm pointed at the test registry. */
export interface TestUser {
  home: string;
  env: NodeJS.ProcessEnv;
  pluginDir: string;
  /** Runs the built CLI synchronously (the registry lives in its own process). */
  run(args: string[], options?: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): CliResult;
  /** Starts the CLI without waiting, in its own process group. */
  start(args: string[], options?: { env?: NodeJS.ProcessEnv }): ChildProcess & { output: Promise<CliResult> };
  json<T = any>(args: string[], options?: { env?: NodeJS.ProcessEnv; cwd?: string }): T;
  record(): { format: number; plugins: Record<string, any> };
}

export function createUser(registry: TestRegistry): TestUser {
  const home = mkdtempSync(join(tmpdir(), 'mcpctl-installer-test-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_RUNTIME_DIR: join(home, 'run'),
    npm_config_registry: registry.url,
  };
  mkdirSync(env.XDG_RUNTIME_DIR!, { recursive: true });
  const pluginDir = join(home, '.local/share/mcpctl/plugins');
  const user: TestUser = {
    home,
    env,
    pluginDir,
    run(args, options = {}) {
      const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? home, env: { ...env, ...options.env }, encoding: 'utf8', timeout: options.timeoutMs ?? 45_000 });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    start(args, options = {}) {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: home, env: { ...env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const output = new Promise<CliResult>((resolvePromise) => child.once('close', (code) => resolvePromise({ code, stdout, stderr })));
      return Object.assign(child, { output });
    },
    json(args, options) {
      const result = user.run([...args, '--json'], options);
      try {
        return JSON.parse(result.stdout);
      } catch {
        throw new Error(`not JSON (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
      }
    },
    record() {
      return JSON.parse(readFileSync(join(pluginDir, 'plugins.json'), 'utf8'));
    },
  };
  return user;
}

export function removeUser(user: TestUser): void {
  rmSync(user.home, { recursive: true, force: true });
}

/** A copy of a fixture with package.json fields replaced (another version, another name). */
export function fixtureVariant(name: string, overrides: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), `mcpctl-fixture-${name}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, ...overrides }, null, 2));
  return dir;
}

export interface PublishedWorld {
  registry: TestRegistry;
  token: string;
  /** dist.integrity of what was published, by name@version. */
  integrity: Map<string, string>;
  stop(): Promise<void>;
}

/**
 * A registry with every fixture plugin published: greet 1.0.0 / 1.1.0 (ESM,
 * with an ESM dependency) and 2.0.0 (needs plugin API 9), a CommonJS plugin,
 * one that depends on @mcpctl/kernel, one tied to the kernel and the toolkit by
 * peerDependencies alone (as `plugins create` scaffolds) and one whose dependency
 * is, one needing API 9 (with an older
 * version that fits), one whose setup throws, one whose stored tarball is
 * then replaced, one whose dependency's tarball is replaced, a scoped package
 * only an authenticated user can read, one with a postinstall script, a
 * package that is not a plugin, one whose tree holds two majors of a library
 * and a peer (and a dependency with a bin), and one with an aliased (npm:)
 * dependency.
 */
export async function publishedWorld(): Promise<PublishedWorld> {
  const registry = await startRegistry();
  try {
    const token = await registry.addUser('publisher', 'publisher-pass');
    const integrity = new Map<string, string>();
    const publish = async (dir: string, overrides?: Record<string, unknown>) => {
      const published = await registry.publish(dir, token, overrides);
      integrity.set(`${published.name}@${published.version}`, published.integrity);
      return published;
    };
    await publish(join(FIXTURES, 'greet-dep'));
    await publish(join(FIXTURES, 'greet'));
    await publish(join(FIXTURES, 'greet'), { version: '1.1.0' });
    await publish(join(FIXTURES, 'greet'), { version: '2.0.0', mcpctl: { ...greetManifest(), apiVersion: '^9.0.0' } });
    await publish(join(FIXTURES, 'cjs'));
    await publish(join(FIXTURES, 'kernel-dep'));
    await publish(join(FIXTURES, 'kernel-peer'));
    await publish(join(FIXTURES, 'greet-dep'), { name: 'mcpctl-fixture-kernel-peer-helper', peerDependencies: { '@mcpctl/kernel': '^0.1.0' } });
    await publish(join(FIXTURES, 'peer-deep'));
    await publish(join(FIXTURES, 'future'), { version: '0.9.0', mcpctl: { apiVersion: '^1.0.0', entry: './index.js' } });
    await publish(join(FIXTURES, 'future'));
    await publish(join(FIXTURES, 'setup-throws'));
    await publish(join(FIXTURES, 'scripted'));
    await publish(join(FIXTURES, 'not-a-plugin'));
    await publish(join(FIXTURES, 'scoped'));
    await publish(join(FIXTURES, 'versioned'));
    await publish(join(FIXTURES, 'versioned'), { version: '2.0.0' });
    await publish(join(FIXTURES, 'versioned'), { name: 'mcpctl-fixture-host' });
    await publish(join(FIXTURES, 'uses-lib2'));
    await publish(join(FIXTURES, 'layout'));
    await publish(join(FIXTURES, 'aliased'));
    // Tampered: the registry keeps the published dist.integrity, the stored tarball is replaced.
    await publish(join(FIXTURES, 'tampered'));
    await replaceStoredTarball(registry, 'mcpctl-plugin-tampered', '1.0.0', join(FIXTURES, 'tampered'));
    await publish(join(FIXTURES, 'greet-dep'), { name: 'mcpctl-fixture-tampered-dep' });
    await replaceStoredTarball(registry, 'mcpctl-fixture-tampered-dep', '1.0.0', join(FIXTURES, 'greet-dep'));
    await publish(join(FIXTURES, 'greet'), { name: 'mcpctl-plugin-tampered-dep', dependencies: { 'mcpctl-fixture-tampered-dep': '^1.0.0' } });
    return { registry, token, integrity, stop: () => registry.stop() };
  } catch (error) {
    await registry.stop();
    throw error;
  }
}

function greetManifest(): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(FIXTURES, 'greet/package.json'), 'utf8')) as { mcpctl: Record<string, unknown> }).mcpctl;
}

/** Re-packs the fixture with one changed file and writes it over the registry's stored tarball. */
async function replaceStoredTarball(registry: TestRegistry, name: string, version: string, dir: string): Promise<void> {
  const changed = mkdtempSync(join(tmpdir(), 'mcpctl-tampered-'));
  cpSync(dir, changed, { recursive: true });
  const entry = join(changed, 'index.js');
  writeFileSync(entry, `${readFileSync(entry, 'utf8').replace("'original'", "'tampered'")}\n// injected\n`);
  const pkg = { ...(JSON.parse(readFileSync(join(changed, 'package.json'), 'utf8')) as Record<string, unknown>), name, version };
  writeFileSync(registry.storedTarball(name, version), await packDirectory(changed, pkg));
  rmSync(changed, { recursive: true, force: true });
}

/** Every entry below the plugin folder, for "nothing changed" assertions. */
export function snapshot(dir: string): string {
  const result = spawnSync('find', [dir, '-not', '-name', '.lock'], { encoding: 'utf8' });
  const files = result.stdout.split('\n').filter(Boolean).sort();
  const record = (() => {
    try {
      return readFileSync(join(dir, 'plugins.json'), 'utf8');
    } catch {
      return '';
    }
  })();
  return `${files.join('\n')}\n---\n${record}`;
}

/**
 * A test file's shared world: published once before its tests, stopped
 * after them, with every user made through `newUser()` removed.
 */
export function useWorld(): { readonly world: PublishedWorld; newUser(): TestUser } {
  let world: PublishedWorld | undefined;
  const users: TestUser[] = [];
  beforeAll(async () => {
    world = await publishedWorld();
  });
  afterAll(async () => {
    for (const user of users) removeUser(user);
    await world?.stop();
  });
  return {
    get world() {
      if (!world) throw new Error('the published world is not ready: use it inside a test or hook');
      return world;
    },
    newUser() {
      const user = createUser(this.world.registry);
      users.push(user);
      return user;
    },
  };
}
