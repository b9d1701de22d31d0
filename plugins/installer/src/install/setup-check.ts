import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as errors from '../errors.js';
import { settingsOf } from '../settings.js';

/** How long a plugin's setup check may take: --setup-timeout, the plugin setting, MCPCTL_PLUGIN_TIMEOUT_MS, 5000. */
export function setupTimeoutOf(option: number | undefined, setting: number | undefined, env: NodeJS.ProcessEnv): number {
  return option ?? setting ?? (Number(env.MCPCTL_PLUGIN_TIMEOUT_MS) || 5000);
}

/**
 * Runs `work` with a setup checker whose child is started first, so Node and
 * the kernel load in it while the command resolves and downloads; an unused
 * child is killed afterwards. `setupTimeout` is the command's --setup-timeout.
 */
export async function withWarmChecker<T>(setupTimeout: number | undefined, work: (checker: SetupChecker) => Promise<T>): Promise<T> {
  const checker = new SetupChecker(process.env, setupTimeoutOf(setupTimeout, settingsOf().setupTimeoutMs, process.env)).warm();
  try {
    return await work(checker);
  } finally {
    checker.dispose();
  }
}

/**
 * Runs a staged plugin's setup once in a child process (setup-child.js),
 * killed when it overruns. A child is started early (`warm()`, before the
 * install downloads anything) so that Node and the kernel have loaded by the
 * time the check is asked for; each check uses a fresh child.
 */
export class SetupChecker {
  private spare: ChildProcess | undefined;

  constructor(private readonly env: NodeJS.ProcessEnv, readonly timeoutMs: number) {}

  warm(): this {
    this.spare ??= this.spawn();
    return this;
  }

  /** Resolves when the plugin loaded cleanly; throws MCPCTL_INSTALL_SETUP_FAILED / _TIMEOUT otherwise. */
  async check(dir: string, name: string): Promise<void> {
    const child = this.spare ?? this.spawn();
    this.spare = undefined;
    child.ref();
    (child.stdout as unknown as { ref?: () => void }).ref?.();
    (child.stderr as unknown as { ref?: () => void }).ref?.();
    let stdout = '';
    let stderr = '';
    // The child prints one result line carrying this nonce (the plugin's own output may come
    // first) and exits: that line is the answer, the exit is not waited for.
    const nonce = randomUUID();
    let result: SetupResult | undefined;
    const answered = new Promise<number | null>((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        result ??= resultLine(stdout, nonce);
        if (result) resolve(null);
      });
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('close', resolve);
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin!.on('error', () => {});
    child.stdin!.end(`${JSON.stringify({ dir, name, nonce })}\n`);
    let timedOut = false;
    // The kernel bounds setup itself; the extra seconds cover booting Node and the kernel.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, this.timeoutMs + 5000);
    const code = await answered;
    clearTimeout(timer);
    child.unref();
    if (timedOut) throw errors.SETUP_TIMEOUT(name, this.timeoutMs);
    if (!result) throw errors.SETUP_FAILED(name, `the setup check exited with ${code}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`);
    if (result.ok) return;
    if (result.problems.some((problem) => problem.code === 'MCPCTL_PLUGIN_SETUP_TIMEOUT')) throw errors.SETUP_TIMEOUT(name, this.timeoutMs);
    throw errors.SETUP_FAILED(name, result.problems.map((problem) => `${problem.code}: ${problem.message}`).join('; '), { details: { problems: result.problems } });
  }

  /** Stops a spare child that was never used. */
  dispose(): void {
    this.spare?.kill('SIGKILL');
    this.spare = undefined;
  }

  private spawn(): ChildProcess {
    const child = spawn(process.execPath, [new URL('./setup-child.js', import.meta.url).pathname], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...this.env, MCPCTL_PLUGIN_TIMEOUT_MS: String(this.timeoutMs) },
    });
    // A spare must never keep the CLI alive.
    child.unref();
    (child.stdout as unknown as { unref?: () => void }).unref?.();
    (child.stderr as unknown as { unref?: () => void }).unref?.();
    return child;
  }
}

interface SetupResult {
  ok: boolean;
  problems: Array<{ code: string; message: string }>;
}

/** The child's result among the complete lines of its output: the JSON line with this check's nonce. */
function resultLine(output: string, nonce: string): SetupResult | undefined {
  for (const line of output.split('\n').slice(0, -1)) {
    if (!line.includes(nonce)) continue;
    try {
      const parsed = JSON.parse(line) as SetupResult & { nonce?: string };
      if (parsed.nonce === nonce) return parsed;
    } catch {
      // Not the result line.
    }
  }
  return undefined;
}
