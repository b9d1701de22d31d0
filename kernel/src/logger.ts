import { createRequire } from 'node:module';
import type { LogLevel, Logger } from './interfaces/logger.js';

const LEVELS: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const METHODS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** Keys whose values never reach a log line. */
export const REDACT_PATHS = [
  'password', '*.password', 'token', '*.token', 'secret', '*.secret', 'apiKey', '*.apiKey',
  'authorization', '*.authorization', 'headers.authorization', 'headers.Authorization', '*.headers.authorization',
  'headers.cookie', '*.headers.cookie', 'env.*', '*.env.*',
];

export interface LoggerOptions {
  level: LogLevel;
  /** Human-readable output (on a TTY); JSON lines otherwise. */
  pretty: boolean;
  /** Where logs go; default stderr (fd 2). stdout carries only results. */
  destination?: number;
  /** A stream to log to instead of a file descriptor (an invocation hosted in another process's streams). */
  stream?: { write(chunk: string): unknown };
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in LEVELS;
}

/**
 * A logger that only imports pino when a line at an enabled level is first
 * written, so commands that log nothing (`--version`, `--help`) never pay for
 * it. Children share the lazily created root.
 */
export function createLazyLogger(options: LoggerOptions): Logger {
  let root: Logger | undefined;
  const threshold = LEVELS[options.level];
  const materialize = (): Logger => (root ??= buildPino(options));
  return makeLogger(materialize, threshold, options.level, {});
}

function makeLogger(materialize: () => Logger, threshold: number, level: string, bindings: Record<string, unknown>): Logger {
  let real: Logger | undefined;
  const resolve = () => (real ??= Object.keys(bindings).length ? materialize().child(bindings) : materialize());
  const logger = { level } as Logger;
  for (const method of METHODS) {
    (logger as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (LEVELS[method] < threshold) return;
      (resolve()[method] as (...a: unknown[]) => void)(...args);
    };
  }
  logger.child = (more) => makeLogger(materialize, threshold, level, { ...bindings, ...more });
  return logger;
}

function buildPino(options: LoggerOptions): Logger {
  // Loaded synchronously through createRequire so logging stays a sync call.
  const require = createRequire(import.meta.url);
  const pino = require('pino') as typeof import('pino');
  const base = { level: options.level, base: undefined, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (options.stream) return pino.default(base, options.stream) as unknown as Logger;
  if (options.pretty) {
    const pretty = require('pino-pretty') as typeof import('pino-pretty');
    const stream = pretty({ destination: options.destination ?? 2, sync: true, colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss.l' });
    return pino.default(base, stream) as unknown as Logger;
  }
  return pino.default(base, pino.destination({ fd: options.destination ?? 2, sync: true })) as unknown as Logger;
}
