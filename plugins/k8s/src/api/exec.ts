import type WebSocket from 'ws';
import { ToolError } from '@mcpctl/toolkit/base';
import { K8sErrorCode } from '../tool-errors.js';

/**
 * The Kubernetes exec stream protocol over one WebSocket (channel.k8s.io
 * v5, v4): every binary message starts with its channel — 0 stdin, 1 stdout,
 * 2 stderr, 3 the final Status, 255 close (v5, used to end stdin). Output
 * is capped; the command is stopped (socket closed) at the cap or the timeout.
 */

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

export interface ExecOutcome {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** Output went past the cap: the rest was not read. */
  truncated: boolean;
  timedOut: boolean;
}

interface ExecStatus {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: Array<{ reason?: string; message?: string }> };
}

export function runExec(socket: WebSocket, options: { stdin?: string; maxBytes: number; timeoutMs: number; signal?: AbortSignal }): Promise<ExecOutcome> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let truncated = false;
    let timedOut = false;
    let status: ExecStatus | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      socket.close();
    }, options.timeoutMs);
    const onAbort = () => socket.terminate();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const message = isBinary ? data : Buffer.from(data);
      if (message.length === 0) return;
      const channel = message[0];
      const payload = message.subarray(1);
      if (channel === 1 || channel === 2) {
        const room = options.maxBytes - bytes;
        if (payload.length > room) {
          (channel === 1 ? out : err).push(payload.subarray(0, Math.max(0, room)));
          bytes = options.maxBytes;
          truncated = true;
          socket.close();
          return;
        }
        (channel === 1 ? out : err).push(payload);
        bytes += payload.length;
      } else if (channel === 3) {
        try {
          status = JSON.parse(payload.toString('utf8')) as ExecStatus;
        } catch {
          status = { status: 'Failure', message: payload.toString('utf8') };
        }
      }
    });
    socket.once('open', () => undefined);
    const finish = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) {
        reject(options.signal.reason);
        return;
      }
      let exitCode: number | null = null;
      if (status?.status === 'Success') exitCode = 0;
      else if (status) {
        const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
        if (cause?.message !== undefined && /^\d+$/.test(cause.message)) exitCode = Number(cause.message);
        else if (!timedOut && !truncated) {
          reject(new ToolError(K8sErrorCode.EXEC_FAILED, `exec failed: ${status.message ?? status.reason ?? 'unknown error'}`, { hint: 'Check that the container is running and the command exists in its image.' }));
          return;
        }
      }
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode, truncated, timedOut });
    };
    socket.once('close', finish);
    socket.once('error', () => undefined);
    if (options.stdin !== undefined) {
      socket.send(Buffer.concat([Buffer.from([0]), Buffer.from(options.stdin, 'utf8')]));
      // v5 can close stdin (channel 255, then the channel to close); v4 cannot, so stdin is only offered on v5.
      if (socket.protocol === 'v5.channel.k8s.io') socket.send(Buffer.from([255, 0]));
    }
  });
}
