/**
 * @mcpctl/diagnostics — errors people can act on, for files and values that
 * are read, parsed and validated: YAML and strict JSON parsed with their
 * positions (a JSON pointer maps back to file:line:column), syntax errors
 * with a code frame and a hint, ajv's errors turned into one issue per
 * problem, values described in words, and "did you mean" suggestions.
 *
 * The kernel reads its config with it; plugins use it for their own files
 * and arguments. It depends on no other mcpctl package, and its parsers
 * (yaml, jsonc-parser) load on first use.
 */
export { childPointer, escapeToken, parsePointer, toPointer, unescapeToken, valueAt } from './json-pointer.js';
export { describeValue, jsonType } from './describe-value.js';
export { didYouMean, editDistance } from './suggest.js';
export { displayPath, formatLocation, type SourcePosition } from './location.js';
export { parseSource, type ParsedSource } from './parse-source.js';
export { parseJsonSource } from './parse-json-source.js';
export { SourceSyntaxError } from './syntax-error.js';
export { ajvErrorsToIssues, type IssueContext, type SchemaIssue } from './schema-issues.js';
