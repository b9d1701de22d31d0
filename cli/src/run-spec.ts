import type { Cli } from 'clipanion';
import { errors, ExitCode, type CommandSpec, type RunInvocation } from '@mcpctl/kernel';
import type { Kernel } from '@mcpctl/kernel/runtime';
import { cliPackage } from './cli-package.js';
import { reportOptions, type GlobalOptions } from './global-options.js';
import type { SpecContext } from './clipanion-adapter.js';
import type { Streams } from './io.js';

/** What differs between a command run by this process and one it runs for another. */
export interface RunEnvironment {
  env: NodeJS.ProcessEnv;
  /** The invoker's Ctrl-C (an invocation run for another process); without it the process's SIGINT/SIGTERM abort the command. */
  signal?: AbortSignal;
  /** Offered to the command as `ctx.runInvocation`. */
  runInvocation?: RunInvocation;
}

/**
 * Each spec's clipanion Cli, built once per process (by whether colours are
 * on): a process that runs the same command again — the daemon, for thin
 * clients — parses with the parser it already has. Specs are module-level
 * values in their plugins, so every kernel a process boots hands back the
 * same one.
 */
const clis = new WeakMap<CommandSpec<any>, Map<boolean, Cli<SpecContext>>>();

/** Parse the command's own arguments with clipanion and run it; resolves to the exit code. */
export async function runSpec(kernel: Kernel, spec: CommandSpec<any>, args: string[], globals: GlobalOptions, streams: Streams, run: RunEnvironment): Promise<number> {
  // Off the help path: only a command that runs pays for clipanion and the output helpers.
  const [{ createCli, toClipanionCommand }, { createIO }, { reportError }] = await Promise.all([
    import('./clipanion-adapter.js'),
    import('./io.js'),
    import('./report-error.js'),
  ]);
  const io = createIO(streams, globals.json);
  const controller = new AbortController();
  const detach = run.signal ? followSignal(run.signal, controller) : onProcessSignals(kernel, controller);
  try {
    const colors = streams.stdout.isTTY === true;
    let byColors = clis.get(spec);
    if (!byColors) clis.set(spec, (byColors = new Map()));
    let cli = byColors.get(colors);
    if (!cli) {
      cli = createCli(spec, toClipanionCommand(spec), { binaryLabel: 'mcpctl', binaryName: 'mcpctl', binaryVersion: cliPackage.version, enableColors: colors });
      byColors.set(colors, cli);
    }
    const context: SpecContext = {
      stdin: streams.stdin,
      stdout: streams.stdout,
      stderr: streams.stderr,
      env: run.env,
      colorDepth: 1,
      execute: async (parsedArguments) => {
        const code = await spec.run({ ...parsedArguments, io, kernel, signal: controller.signal, ...(run.runInvocation ? { runInvocation: run.runInvocation } : {}) });
        return typeof code === 'number' ? code : ExitCode.OK;
      },
    };
    let parsed;
    try {
      parsed = cli.process(args, context);
    } catch (error) {
      throw errors.USAGE_ERROR(error instanceof Error ? error.message.replace(/\n+\$ .*/s, '').trim() : String(error), {
        hint: `Run \`mcpctl ${spec.path.join(' ')} --help\` for its usage.`,
      });
    }
    parsed.context = context;
    parsed.cli = cli;
    // A command that winds down on a signal and returns (serve's graceful
    // shutdown) decides its own exit code; one that throws after it is 130.
    return await parsed.validateAndExecute();
  } catch (error) {
    // Only a sessions-only kernel throws this: the invocation goes back to its invoker, unreported.
    if (errors.HOSTED_DECLINED.is(error)) throw error;
    if (controller.signal.aborted && !(error instanceof Error && 'exitCode' in error)) return reportError(errors.INTERRUPTED(), streams, { json: globals.json, debug: false });
    return reportError(error, streams, reportOptions(globals));
  } finally {
    detach();
    await kernel.lifecycle.shutdown().catch(() => undefined);
  }
}

function onProcessSignals(kernel: Kernel, controller: AbortController): () => void {
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    controller.abort(errors.INTERRUPTED());
    kernel.logger.debug({ signal }, 'interrupted');
    // A second Ctrl-C does not wait for the command to wind down.
    if (interrupts > 1) process.exit(ExitCode.INTERRUPTED);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

function followSignal(signal: AbortSignal, controller: AbortController): () => void {
  const abort = () => controller.abort(errors.INTERRUPTED());
  if (signal.aborted) abort();
  signal.addEventListener('abort', abort, { once: true });
  return () => signal.removeEventListener('abort', abort);
}
