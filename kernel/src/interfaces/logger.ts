/**
 * The logging surface plugins see: a pino logger (or anything with the same
 * level methods). Logs go to stderr; stdout carries only results.
 */
export interface LogFn {
  (message: string, ...args: unknown[]): void;
  (object: object, message?: string, ...args: unknown[]): void;
}

export interface Logger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  level: string;
  child(bindings: Record<string, unknown>): Logger;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
