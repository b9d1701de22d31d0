import { errors, type HostedInvocation, type HostedOutcome, type PluginRecord } from '@mcpctl/kernel';
import { createLazyLogger, Kernel } from '@mcpctl/kernel/runtime';
import { CLI_DIR, cliPackage } from './cli-package.js';
import { extractGlobalOptions, leadingWords, reportOptions } from './global-options.js';
import type { Streams } from './io.js';
import { runSpec } from './run-spec.js';

const pluginKey = (record: PluginRecord): string => `${record.name}@${record.version} ${record.dir}`;

/**
 * Lets a long-lived command (the daemon) run other invocations in its own,
 * already warm process (the CommandHost the CLI offers as `ctx.host`). Only
 * with the plugins this process has: an invocation whose config or folders
 * bring another plugin (or another version or copy of one) is declined, and
 * the invoker runs it itself.
 */
export async function runHosted(hostKernel: Kernel, invocation: HostedInvocation): Promise<HostedOutcome> {
  let extracted;
  try {
    extracted = extractGlobalOptions(invocation.argv, invocation.env);
  } catch (error) {
    return { ran: false, reason: `bad global options: ${(error as Error).message}` };
  }
  const { globals, rest } = extracted;
  if (globals.help) return { ran: false, reason: 'help is rendered by the invoker' };
  const streams: Streams = { stdin: invocation.stdin, stdout: invocation.stdout, stderr: invocation.stderr };
  const logger = createLazyLogger({ level: globals.logLevel, pretty: invocation.stderr.isTTY === true, stream: invocation.stderr });
  let kernel: Kernel;
  try {
    kernel = await Kernel.boot({
      cwd: invocation.cwd,
      env: invocation.env,
      logger,
      builtins: cliPackage.mcpctl.builtins,
      builtinBase: CLI_DIR,
      configPath: globals.configPath,
      profile: globals.profile,
      safeMode: globals.safeMode,
      hosted: true,
    });
  } catch (error) {
    // Booting reads manifests and the config's plugin list only: nothing was imported, so report it here.
    const { reportError } = await import('./report-error.js');
    return { ran: true, exitCode: reportError(error, streams, reportOptions(globals)) };
  }
  const known = new Set(hostKernel.plugins.list().filter((record) => record.state !== 'shadowed').map(pluginKey));
  const foreign = kernel.plugins.list().filter((record) => record.state !== 'shadowed' && !known.has(pluginKey(record)));
  if (foreign.length > 0) return { ran: false, reason: `plugins the host has not loaded: ${foreign.map(pluginKey).join(', ')}` };
  const routed = kernel.plugins.route(leadingWords(rest));
  if (!routed || !invocation.commands.has(routed.path[0]!)) return { ran: false, reason: 'not a command this host runs' };
  const spec = await kernel.commandSpec(routed.path);
  try {
    const exitCode = await runSpec(kernel, spec, rest, globals, streams, { env: invocation.env, signal: invocation.signal });
    return { ran: true, exitCode };
  } catch (error) {
    if (errors.HOSTED_DECLINED.is(error)) return { ran: false, reason: (error as Error).message };
    throw error;
  }
}
