/**
 * @mcpctl/kernel/toolkit — the serving toolkit for server plugin authors.
 * See docs/writing-server-plugins.md. It imports the MCP SDK, so import it
 * lazily (from the code a `serverType` tap loads), never from plugin setup.
 */
export { ACCESS_TIERS, DEFAULT_ACCESS, annotationsForTier, isAccessTier, minTier, parseAccess, tierAllows, type AccessTier, type TierAnnotations } from './access.js';
export { ByteBudget, DEFAULT_MAX_RESULT_BYTES, truncateUtf8 } from './budget.js';
export { runWithDeadline, throwIfAborted } from './deadline.js';
export { ToolError, ToolErrorCode, accessDenied, isToolError, toToolError } from './errors.js';
export { silentLogger } from './logger.js';
export { YOUNG_GENERATION_CAP_MB, allowingYoungGrowth, holdMemoryPolicy, workerResourceLimits } from './memory-policy.js';
export {
  cursorScope,
  decodeCursor,
  decodeOffset,
  encodeCursor,
  offsetCursor,
  pageInputProperties,
  pageLimit,
  pageOutputProperties,
  paginate,
  type PageInput,
  type PageLimits,
  type PageOutput,
} from './pagination.js';
export { createProgressReporter, type ProgressFn, type ProgressNotification } from './progress.js';
export {
  RESOURCE_NOT_FOUND,
  defineResource,
  defineResourceTemplate,
  type Resource,
  type ResourceContents,
  type ResourceContext,
  type ResourceInfo,
  type ResourceTemplate,
  type ResourceTemplateSpec,
} from './resources.js';
export { ERROR_META_KEY, errorResult, successResult } from './result.js';
export { compileSchema, type ObjectSchema, type SchemaCheck, type SchemaValidator } from './schema.js';
export { DEFAULT_TOOL_TIMEOUT_MS, createToolServer, withCleanup, type ToolServer, type ToolServerOptions } from './server.js';
export { defineTool, withContent, type ClientRoot, type ExtraContent, type Tool, type ToolContext, type ToolOutput, type ToolSpec, type WithContent } from './tool.js';
