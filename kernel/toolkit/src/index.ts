/**
 * @mcpctl/toolkit — the serving toolkit for server plugin authors.
 * See docs/writing-server-plugins.md. It imports the MCP SDK, so import it
 * lazily (from the code a `serverType` tap loads), never from plugin setup.
 */
export { ACCESS_TIERS, DEFAULT_ACCESS, annotationsForTier, isAccessTier, minTier, parseAccess, tierAllows, type AccessTier, type TierAnnotations } from './server/access.js';
export { ByteBudget, DEFAULT_MAX_RESULT_BYTES, truncateUtf8 } from './server/budget.js';
export { runWithDeadline, throwIfAborted } from './server/deadline.js';
export { ToolError, ToolErrorCode, accessDenied, isToolError, toToolError } from './server/errors.js';
export { silentLogger } from './server/logger.js';
export { YOUNG_GENERATION_CAP_MB, allowingYoungGrowth, holdMemoryPolicy, workerResourceLimits } from './server/memory-policy.js';
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
} from './server/pagination.js';
export { createProgressReporter, type ProgressFn, type ProgressNotification } from './server/progress.js';
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
} from './server/resources.js';
export { ERROR_META_KEY, errorResult, successResult } from './server/result.js';
export { compileSchema, type ObjectSchema, type SchemaCheck, type SchemaValidator } from './server/schema.js';
export { DEFAULT_TOOL_TIMEOUT_MS, createToolServer, withCleanup, type ToolServer, type ToolServerOptions } from './server/server.js';
export { defineTool, withContent, type ClientRoot, type ExtraContent, type Tool, type ToolContext, type ToolOutput, type ToolSpec, type WithContent } from './server/tool.js';
