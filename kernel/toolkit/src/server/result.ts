import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolError } from './errors.js';
import type { ToolOutput } from './tool.js';

/** `_meta` key carrying a failed call's code, hint and details for programs (mcpctl call prints them). */
export const ERROR_META_KEY = 'dev.mcpctl/error';

export function successResult(output: ToolOutput): CallToolResult {
  return {
    content: [{ type: 'text', text: output.text }, ...output.content],
    structuredContent: output.structured,
  };
}

/** A tool error as a result with `isError`: readable text, plus the code and hint in `_meta`. */
export function errorResult(error: ToolError): CallToolResult {
  const text = error.hint ? `${error.message}\nHint: ${error.hint}` : error.message;
  return {
    isError: true,
    content: [{ type: 'text', text }],
    _meta: {
      [ERROR_META_KEY]: { code: error.code, ...(error.hint ? { hint: error.hint } : {}), ...(error.details ? { details: error.details } : {}) },
    },
  };
}
