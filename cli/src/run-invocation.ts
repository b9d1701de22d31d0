import { errors, type InvocationOptions, type InvocationOutcome, type InvocationStreams, type PluginRecord } from '@mcpctl/kernel';
import { createLazyLogger, type Kernel } from '@mcpctl/kernel/runtime';
import { bootKernel } from './boot-kernel.js';
import { extractGlobalOptions, leadingWords, reportOptions } from './global-options.js';
import { runSpec } from './run-spec.js';

const pluginKey = (record: PluginRecord): string => `${record.name}@${record.version} ${record.dir}`;

/**
 * The copy of each plugin a runner's process has or may import, by name: the
 * ones it booted with, and the installed plugins (source `user`: a store
 * entry, never changed in place) invocations have imported into it since,
 * such as one installed after the daemon started. One process never holds
 * two copies of a plugin.
 */
const processCopies = new WeakMap<Kernel, Map<string, string>>();

function copiesOf(runner: Kernel): Map<string, string> {
  let copies = processCopies.get(runner);
  if (!copies) {
    copies = new Map(runner.plugins.list().filter((record) => record.state !== 'shadowed').map((record) => [record.name, pluginKey(record)]));
    processCopies.set(runner, copies);
  }
  return copies;
}

/**
 * The CLI's `runInvocation` (offered to commands as `ctx.runInvocation`):
 * run one whole command line in this already warm process, as another
 * process would have run it. The daemon uses it to answer thin clients.
 * Declined (nothing printed), so the invoker runs it itself, when: the
 * command's manifest entry is not `remotable`; the invocation brings another
 * version or copy of a plugin this process has, or a plugin it does not have
 * from anywhere but the user plugin folder's store (MCPCTL_PLUGINS, a config's
 * `plugins:` list, a linked working copy, whose code may change in place);
 * help is asked for; or the command would have to spawn or
 * connect to a server itself rather than use a session `offerSession` gives.
 */
export async function runInvocation(runner: Kernel, argv: string[], streams: InvocationStreams, options: InvocationOptions): Promise<InvocationOutcome> {
  let extracted;
  try {
    extracted = extractGlobalOptions(argv, options.env);
  } catch (error) {
    return { ran: false, reason: `bad global options: ${(error as Error).message}` };
  }
  const { globals, rest } = extracted;
  if (globals.help) return { ran: false, reason: 'help is rendered by the invoker' };
  const logger = createLazyLogger({ level: globals.logLevel, pretty: streams.stderr.isTTY === true, stream: streams.stderr });
  let kernel: Kernel;
  try {
    kernel = await bootKernel(globals, { cwd: options.cwd, env: options.env, logger }, { sessionsOnly: true, offerSession: options.offerSession });
  } catch (error) {
    // Booting reads manifests and the config's plugin list only: nothing was imported, so report it here.
    const { reportError } = await import('./report-error.js');
    return { ran: true, exitCode: reportError(error, streams, reportOptions(globals)) };
  }
  const copies = copiesOf(runner);
  const foreign = kernel.plugins.list().filter((record) => record.state !== 'shadowed' && (copies.has(record.name) ? copies.get(record.name) !== pluginKey(record) : record.source !== 'user'));
  if (foreign.length > 0) return { ran: false, reason: `plugins this process does not have: ${foreign.map(pluginKey).join(', ')}` };
  const routed = kernel.plugins.route(leadingWords(rest));
  if (!routed?.remotable) return { ran: false, reason: routed ? `\`${routed.path.join(' ')}\` is not remotable` : 'not a command' };
  try {
    const spec = await kernel.commandSpec(routed.path);
    const exitCode = await runSpec(kernel, spec, rest, globals, streams, { env: options.env, signal: options.signal });
    return { ran: true, exitCode };
  } catch (error) {
    if (errors.HOSTED_DECLINED.is(error)) return { ran: false, reason: (error as Error).message };
    throw error;
  } finally {
    // What was imported now lives in this process: later invocations must bring the same copy.
    for (const record of kernel.plugins.list()) if (record.state === 'loaded' || record.state === 'failed') copies.set(record.name, pluginKey(record));
  }
}
