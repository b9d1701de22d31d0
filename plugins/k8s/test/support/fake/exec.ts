import type { WebSocket } from 'ws';

/**
 * The container side of exec over WebSocket (channel.k8s.io v4/v5): a few
 * programs the fake "containers" have, reading stdin from channel 0 and
 * writing stdout (1), stderr (2) and the final Status (3).
 */

export interface ExecProgramContext {
  argv: string[];
  stdout(text: string | Buffer): boolean;
  stderr(text: string): void;
  /** Resolves with stdin once the client closed it (v5) — or '' when stdin was not requested. */
  stdin(): Promise<string>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** A program returns its exit code. */
export type ExecProgram = (ctx: ExecProgramContext) => Promise<number>;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

export const PROGRAMS: Record<string, ExecProgram> = {
  echo: async ({ argv, stdout }) => {
    stdout(`${argv.slice(1).join(' ')}\n`);
    return 0;
  },
  cat: async ({ stdin, stdout }) => {
    stdout(await stdin());
    return 0;
  },
  true: async () => 0,
  false: async () => 1,
  exit: async ({ argv }) => Number(argv[1] ?? 0),
  sleep: async ({ argv, signal }) => {
    await sleep(Number(argv[1] ?? 1) * 1000, signal);
    return 0;
  },
  yes: async ({ stdout, signal }) => {
    const line = Buffer.from('y\n'.repeat(8192));
    while (!signal.aborted) {
      if (!stdout(line)) await sleep(1, signal);
      await new Promise((r) => setImmediate(r));
    }
    return 0;
  },
  warn: async ({ argv, stderr }) => {
    stderr(`${argv.slice(1).join(' ')}\n`);
    return 2;
  },
};

export async function serveExec(socket: WebSocket, argv: string[], wantStdin: boolean, programs: Record<string, ExecProgram>): Promise<void> {
  const controller = new AbortController();
  const v5 = socket.protocol === 'v5.channel.k8s.io';
  const stdinChunks: Buffer[] = [];
  let stdinClosed!: () => void;
  const stdinDone = new Promise<void>((resolve) => (stdinClosed = resolve));
  socket.on('message', (data: Buffer) => {
    if (data[0] === 0) stdinChunks.push(data.subarray(1));
    if (v5 && data[0] === 255 && data[1] === 0) stdinClosed();
  });
  socket.on('close', () => {
    controller.abort();
    stdinClosed();
  });
  const send = (channel: number, payload: string | Buffer) => {
    if (socket.readyState !== socket.OPEN) return false;
    socket.send(Buffer.concat([Buffer.from([channel]), Buffer.isBuffer(payload) ? payload : Buffer.from(payload)]));
    return socket.bufferedAmount < 1024 * 1024;
  };
  const program = programs[argv[0] ?? ''];
  if (!program) {
    send(3, JSON.stringify({ metadata: {}, status: 'Failure', message: `failed to exec in container: exec: "${argv[0]}": executable file not found in $PATH`, reason: 'InternalError' }));
    socket.close(1000);
    return;
  }
  const code = await program({
    argv,
    stdout: (text) => send(1, text),
    stderr: (text) => void send(2, text),
    stdin: async () => {
      if (!wantStdin) return '';
      await stdinDone;
      return Buffer.concat(stdinChunks).toString('utf8');
    },
    signal: controller.signal,
  });
  if (controller.signal.aborted) return;
  send(
    3,
    JSON.stringify(
      code === 0
        ? { metadata: {}, status: 'Success' }
        : { metadata: {}, status: 'Failure', message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] } },
    ),
  );
  socket.close(1000);
}
