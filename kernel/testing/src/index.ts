/**
 * @mcpctl/testing — a test harness for mcpctl plugin authors.
 *
 *   const harness = await bootTestKernel({ plugins: [pluginDir], config: { servers: { notes: { type: 'notes', folder: '.' } } } });
 *   const result = await harness.run(['greet', 'Ada', '--json']);     // { exitCode, stdout, stderr, json() }
 *   const client = await harness.connect('notes');                    // MCP client, in memory
 *   await harness.close();
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Logger } from '@mcpctl/kernel';
import { createLazyLogger, Kernel } from '@mcpctl/kernel/runtime';
import { connectToServer, type TestClient } from './connect.js';
import { createTestHome, type TestHome } from './home.js';
import { runCommand, type CommandResult, type RunOptions } from './run-command.js';
import { connectInMemory, textOf, type ToolTestClient } from './tool-client.js';

export type { CommandResult, RunOptions, TestClient, TestHome, ToolTestClient };
export { connectInMemory, createTestHome, runCommand, textOf };

export interface TestKernelOptions {
  /** Plugin package directories to load (given to discovery as MCPCTL_PLUGINS). */
  plugins?: string[];
  /** The config: an object (written as mcpctl.config.json in the test home) or a file path. */
  config?: Record<string, unknown> | string;
  /**
   * Load mcpctl's built-in plugins into `kernel` too (default true: the transports,
   * other server types). `run()` always runs the CLI, built-ins included.
   */
  builtins?: boolean;
  /** Extra environment variables for the kernel and every run. */
  env?: NodeJS.ProcessEnv;
  /** Directory commands run in (default: the test home). */
  cwd?: string;
  logger?: Logger;
}

export interface TestKernel {
  /** The booted kernel (discovery done; plugins load on first use). */
  kernel: Kernel;
  home: TestHome;
  /** Runs `mcpctl <argv>` in this process (the CLI's main, with its built-ins) and captures its output and exit code. */
  run(argv: string[], options?: RunOptions): Promise<CommandResult>;
  /** An MCP client connected in memory to the configured server entry `name`. */
  connect(name: string): Promise<TestClient>;
  /** Closes clients opened by connect() and removes the test home. */
  close(): Promise<void>;
}

/** Boots a kernel in-process with the given plugins and config, in a throwaway home. */
export async function bootTestKernel(options: TestKernelOptions = {}): Promise<TestKernel> {
  const home = createTestHome({ ...(options.plugins ? { plugins: options.plugins } : {}), ...(options.config ? { config: options.config } : {}), ...(options.env ? { env: options.env } : {}) });
  const cli = cliPackage();
  const builtins = options.builtins === false ? [] : cli.builtins;
  const cwd = options.cwd ?? home.dir;
  const kernel = await Kernel.boot({
    cwd,
    env: home.env,
    logger: options.logger ?? createLazyLogger({ level: 'warn', pretty: false }),
    builtins,
    builtinBase: cli.dir,
    ...(home.configPath ? { configPath: home.configPath } : {}),
    cache: false,
  });
  const clients: TestClient[] = [];
  return {
    kernel,
    home,
    run: (argv, runOptions = {}) => runCommand(argv, home.env, { cwd, ...runOptions }),
    async connect(name) {
      const client = await connectToServer(kernel, name);
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.allSettled(clients.map((client) => client.close()));
      await kernel.lifecycle.shutdown();
      home.remove();
    },
  };
}

function cliPackage(): { dir: string; builtins: string[] } {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@mcpctl/cli/package.json');
  const pkg = JSON.parse(readFileSync(manifestPath, 'utf8')) as { mcpctl: { builtins: string[] } };
  return { dir: dirname(manifestPath), builtins: pkg.mcpctl.builtins };
}
