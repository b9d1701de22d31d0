import { PassThrough } from 'node:stream';

/** What one mcpctl invocation printed, and its exit code. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for `--json` runs); throws with the output when it is not JSON. */
  json<T = unknown>(): T;
}

export interface RunOptions {
  /** Text for stdin (default: empty). */
  stdin?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs one whole mcpctl invocation in this process — the CLI's own main():
 * global options, routing, the plugin that owns the command, its exit code —
 * with captured, non-terminal streams.
 */
export async function runCommand(argv: string[], env: NodeJS.ProcessEnv, options: RunOptions = {}): Promise<CommandResult> {
  const { main } = await import('@mcpctl/cli/dist/main.js');
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const stdout = collector();
  const stderr = collector();
  const exitCode = await main(argv, { streams: { stdin, stdout: stdout.stream, stderr: stderr.stream }, env: { ...env, ...options.env }, cwd: options.cwd ?? process.cwd() });
  const out = stdout.text();
  return {
    exitCode,
    stdout: out,
    stderr: stderr.text(),
    json<T>() {
      try {
        return JSON.parse(out) as T;
      } catch {
        throw new Error(`stdout is not JSON (exit ${exitCode}):\n${out}\nstderr:\n${stderr.text()}`);
      }
    },
  };
}

function collector(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
