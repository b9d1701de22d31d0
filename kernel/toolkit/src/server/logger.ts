import type { Logger } from '@mcpctl/kernel';

/** A logger that drops everything: the default when a server is built without one. */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
  level: 'silent',
  child: () => silentLogger,
};
