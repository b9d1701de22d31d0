import { errors, type InvocationOptions, type InvocationOutcome, type InvocationStreams, type PluginRecord } from '@mcpctl/kernel';
import { createLazyLogger, type Kernel } from '@mcpctl/kernel/runtime';
import { bootKernel } from './boot-kernel.js';
import { extractGlobalOptions, leadingWords, reportOptions } from './global-options.js';
import { runSpec } from './run-spec.js';

const pluginKey = (record: PluginRecord): string => `${record.name}@${record.version} ${record.dir}`;

/**
 * The CLI's `runInvocation` (offered to commands as `ctx.runInvocation`):
 * run one whole command line in this already warm process, as another
 * process would have run it. The daemon uses it to answer thin clients.
 * Declined (nothing printed), so the invoker runs it itself, when: the
 * command's manifest entry is not `remotable`; the invocation's config or
 * folders bring a plugin this process does not have (or another version or
 * copy of one); help is asked for; or the command would have to spawn or
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
  const known = new Set(runner.plugins.list().filter((record) => record.state !== 'shadowed').map(pluginKey));
  const foreign = kernel.plugins.list().filter((record) => record.state !== 'shadowed' && !known.has(pluginKey(record)));
  if (foreign.length > 0) return { ran: false, reason: `plugins this process has not loaded: ${foreign.map(pluginKey).join(', ')}` };
  const routed = kernel.plugins.route(leadingWords(rest));
  if (!routed?.remotable) return { ran: false, reason: routed ? `\`${routed.path.join(' ')}\` is not remotable` : 'not a command' };
  const spec = await kernel.commandSpec(routed.path);
  try {
    const exitCode = await runSpec(kernel, spec, rest, globals, streams, { env: options.env, signal: options.signal });
    return { ran: true, exitCode };
  } catch (error) {
    if (errors.HOSTED_DECLINED.is(error)) return { ran: false, reason: (error as Error).message };
    throw error;
  }
}
