/**
 * The part of the serving toolkit that needs neither the MCP SDK nor ajv:
 * tool errors, access tiers and abort checks. For code that runs apart from a server,
 * such as a worker thread, where importing the whole toolkit would cost
 * hundreds of milliseconds per start.
 */
export { ACCESS_TIERS, DEFAULT_ACCESS, annotationsForTier, isAccessTier, minTier, parseAccess, tierAllows, type AccessTier, type TierAnnotations } from './server/access.js';
export { ToolError, ToolErrorCode, accessDenied, isToolError, toToolError } from './server/errors.js';
export { throwIfAborted } from './server/deadline.js';
export { ERROR_META_KEY } from './server/result.js';
