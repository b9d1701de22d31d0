/** Reading other tools' MCP server lists (Claude Desktop, Cursor, VS Code) into mcpctl's config. */
export { convertMcpServers, envNameFor, type ConversionOptions, type ConversionResult } from './convert.js';
export { mergeServers, NEW_FILE_HEADER, type EditableFormat, type ExistingConfig, type MergeOptions, type MergeResult } from './merge.js';
export { parseJsonc } from './jsonc.js';
