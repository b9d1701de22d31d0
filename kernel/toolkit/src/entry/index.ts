/**
 * @mcpctl/toolkit/entry — reading server entries: typed fields with errors
 * that name the server and the field, and the command a stdio entry runs.
 */
export { ENTRY_INVALID } from './errors.js';
export { stringArrayField, stringField, stringMapField, urlField } from './fields.js';
export { stdioCommand, type StdioCommand } from './stdio-command.js';
