import type { Readable, Writable } from 'node:stream';
import type { ClientSession, SessionRequest } from './mcp.js';
import type { KernelServices } from './services.js';

/** A command-line option. Names are camelCase in specs and `--kebab-case` on the command line. */
export type OptionSpec =
  | { type: 'boolean'; description: string; short?: string; default?: boolean; hidden?: boolean }
  | { type: 'string'; description: string; short?: string; default?: string; choices?: readonly string[]; placeholder?: string; hidden?: boolean }
  | { type: 'number'; description: string; short?: string; default?: number; placeholder?: string; hidden?: boolean }
  /** Repeatable: `--env A=1 --env B=2` gives ["A=1", "B=2"]. */
  | { type: 'array'; description: string; short?: string; placeholder?: string; hidden?: boolean };

export interface PositionalSpec {
  name: string;
  description?: string;
  /** Default true. Optional positionals must come after required ones. */
  required?: boolean;
}

type OptionValue<O extends OptionSpec> =
  O extends { type: 'boolean' } ? boolean
  : O extends { type: 'number' } ? (O extends { default: number } ? number : number | undefined)
  : O extends { type: 'array' } ? string[]
  : O extends { type: 'string'; choices: readonly (infer C)[] } ? (O extends { default: string } ? C : C | undefined)
  : O extends { default: string } ? string : string | undefined;

export type OptionValues<O extends Record<string, OptionSpec>> = { [K in keyof O]: OptionValue<O[K]> };

/** Streams and output helpers a command writes through (stdout carries results only). */
export interface CommandIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** stdout is a terminal: print for humans (tables, colours, progress). */
  isTTY: boolean;
  /** `--json` was given: print one JSON document on stdout. */
  json: boolean;
  /** Print a line (or lines) of text on stdout. */
  print(text: string): void;
  /** Print a value as pretty JSON on stdout. */
  printJson(value: unknown): void;
  /** Render rows as a table on stdout (aligned columns on a terminal, tab-separated otherwise). */
  printTable(rows: ReadonlyArray<Record<string, unknown>>, columns: ReadonlyArray<TableColumn>): void;
}

export interface TableColumn {
  key: string;
  header: string;
  /** Format a cell; default String(value ?? ''). */
  format?: (value: unknown, row: Record<string, unknown>) => string;
}

/** What a command's `run` receives. */
export interface CommandRunContext<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  options: OptionValues<O>;
  /** Positional arguments by name (undefined when optional and absent). */
  positionals: Record<string, string | undefined>;
  /** The rest arguments, when the spec declares `rest`. */
  rest: string[];
  io: CommandIO;
  kernel: KernelServices;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
  /**
   * Runs further mcpctl invocations in this same process, when the program
   * running this command can (the CLI can; the daemon uses it to answer thin
   * clients from its warm process).
   */
  runInvocation?: RunInvocation;
}

/**
 * Run one whole mcpctl command line in this process, as another process
 * would have run it, with its streams. Only commands whose manifest entry is
 * `remotable` run, and only against the sessions `options.offerSession`
 * gives: nothing is spawned or connected in this process. Anything else is
 * declined (`ran: false`, nothing printed) and the invoker runs it itself.
 */
export type RunInvocation = (argv: string[], streams: InvocationStreams, options: InvocationOptions) => Promise<InvocationOutcome>;

export interface InvocationStreams {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
}

export interface InvocationOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborting it is Ctrl-C for the invocation. */
  signal: AbortSignal;
  /**
   * The sessions the runner offers (the daemon's warm sessions): the only way
   * the invocation reaches a server. Undefined when the runner has none for
   * that server; the invocation is then declined.
   */
  offerSession(request: SessionRequest): Promise<ClientSession | undefined>;
}

/**
 * `ran: false` means nothing ran and nothing was printed: the caller runs
 * the invocation itself (the reason says why, for debug logs).
 */
export type InvocationOutcome = { ran: true; exitCode: number } | { ran: false; reason: string };

/** A command, as plain data plus a run function; the CLI adapts it to clipanion. */
export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  path: string[];
  summary: string;
  /** Longer help text (Markdown-ish, shown by `<command> --help`). */
  description?: string;
  /** [description, command line] pairs shown by `--help`. */
  examples?: Array<[string, string]>;
  options?: O;
  positionals?: PositionalSpec[];
  /** Accept any number of further arguments (e.g. key=value pairs). */
  rest?: { name: string; description?: string; required?: boolean };
  /** Resolve to the process exit code (see ExitCode); throw an McpctlError for failures. */
  run(ctx: CommandRunContext<O>): Promise<number | void>;
}

/** Passed to `commands` taps. */
export interface CommandRegistry {
  register<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): void;
}
