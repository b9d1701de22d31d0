import type { RunInvocation } from '@mcpctl/kernel';
import { createLazyLogger, errors, ExitCode, type Kernel } from '@mcpctl/kernel/runtime';
import { bootKernel } from './boot-kernel.js';
import { cliPackage } from './cli-package.js';
import { extractGlobalOptions, leadingWords, reportOptions, type GlobalOptions } from './global-options.js';
import { commandsUnder, renderHelp } from './help.js';
import type { Streams } from './io.js';

export interface MainOptions {
  streams?: Streams;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Boots the kernel from manifests, answers help without importing any
 * plugin, and otherwise imports only the plugin that owns the command.
 * Resolves to the process exit code.
 */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const streams = options.streams ?? { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  const env = options.env ?? process.env;
  let globals: GlobalOptions = { logLevel: 'warn', json: argv.includes('--json'), safeMode: false, help: false };
  try {
    const extracted = extractGlobalOptions(argv, env);
    globals = extracted.globals;
    const logger = createLazyLogger({ level: globals.logLevel, pretty: streams.stderr.isTTY === true });
    const kernel = await bootKernel(globals, { cwd: options.cwd ?? process.cwd(), env, logger });
    return await dispatch(kernel, extracted.rest, globals, streams, env);
  } catch (error) {
    const { reportError } = await import('./report-error.js');
    return reportError(error, streams, reportOptions(globals));
  }
}

async function dispatch(kernel: Kernel, args: string[], globals: GlobalOptions, streams: Streams, env: NodeJS.ProcessEnv): Promise<number> {
  const words = leadingWords(args);
  const commands = kernel.plugins.commands();
  const problemCount = kernel.plugins.problems().filter((problem) => problem.severity === 'error').length;
  const help = (prefix: string[]) => renderHelp(cliPackage.version, commands, { prefix, problems: problemCount });

  if (words.length === 0 || (words[0] === 'help' && words.length === 1)) {
    streams.stdout.write(help([]));
    return words.length === 0 && !globals.help && args.length > 0 ? ExitCode.USAGE : ExitCode.OK;
  }
  const wanted = words[0] === 'help' ? words.slice(1) : words;
  const routed = kernel.plugins.route(wanted);
  if (!routed || (words[0] === 'help' && routed.path.length < wanted.length)) {
    if (commandsUnder(commands, wanted).length > 0) {
      streams.stdout.write(help(wanted));
      return globals.help || words[0] === 'help' ? ExitCode.OK : ExitCode.USAGE;
    }
    const { didYouMean } = await import('@mcpctl/kernel');
    const guess = didYouMean(wanted.join(' '), commands.map((command) => command.path.join(' ')));
    throw errors.UNKNOWN_COMMAND(wanted.join(' '), guess ? { hint: `Did you mean \`mcpctl ${guess}\`? Run \`mcpctl --help\` for the list.` } : {});
  }
  const spec = await kernel.commandSpec(routed.path);
  const commandArgs = words[0] === 'help' ? [...routed.path, '--help'] : args;
  const { runSpec } = await import('./run-spec.js');
  // Only the daemon runs further invocations: loaded on its first use.
  const runInvocation: RunInvocation = async (invocationArgs, invocationStreams, invocationOptions) =>
    (await import('./run-invocation.js')).runInvocation(kernel, invocationArgs, invocationStreams, invocationOptions);
  return runSpec(kernel, spec, commandArgs, globals, streams, { env, runInvocation });
}
