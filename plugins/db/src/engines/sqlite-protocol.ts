import { McpctlError, isMcpctlError } from '@mcpctl/kernel';
import { ToolError } from '@mcpctl/toolkit/base';
import type { SqliteUrl } from '../url.js';
import type { EngineOptions } from './engine.js';

/**
 * Messages between the SQLite engine (main thread) and its worker, and
 * errors made safe to post across: ToolErrors and McpctlErrors keep their
 * code, hint and details on the other side.
 */

export interface WorkerInit {
  url: SqliteUrl;
  options: EngineOptions;
}

export type Method =
  | 'connect' | 'listSchemas' | 'listTables' | 'describeTable' | 'searchObjects'
  | 'openQuery' | 'read' | 'closeCursor' | 'explain' | 'execute' | 'close';

export interface Request {
  id: number;
  method: Method;
  args: unknown[];
}

export type Response = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

export interface SerializedError {
  kind: 'tool' | 'mcpctl' | 'other';
  code: string;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
  exitCode?: number;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ToolError) {
    return { kind: 'tool', code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}), ...(error.details ? { details: error.details } : {}) };
  }
  if (isMcpctlError(error)) {
    return { kind: 'mcpctl', code: error.code, message: error.message, exitCode: error.exitCode, ...(error.hint ? { hint: error.hint } : {}), ...(error.details ? { details: error.details } : {}) };
  }
  return { kind: 'other', code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.kind === 'tool') return new ToolError(error.code, error.message, { ...(error.hint ? { hint: error.hint } : {}), ...(error.details ? { details: error.details } : {}) });
  if (error.kind === 'mcpctl') {
    return new McpctlError(error.code, error.message, { ...(error.hint ? { hint: error.hint } : {}), ...(error.exitCode === undefined ? {} : { exitCode: error.exitCode }), ...(error.details ? { details: error.details } : {}) });
  }
  return new Error(error.message);
}
