import type { Token } from './lexer.js';
import { result, type Classification } from './classification.js';

/**
 * SQLite PRAGMAs: a few read the schema or settings; any assignment, and
 * any pragma not listed here, changes something and needs destructive.
 */

/** Pragmas that only read, called with a table/index argument or none. */
export const READ_PRAGMAS: ReadonlySet<string> = new Set([
  'table_info', 'table_xinfo', 'table_list', 'index_list', 'index_info', 'index_xinfo', 'foreign_key_list', 'foreign_key_check',
  'integrity_check', 'quick_check', 'database_list', 'collation_list', 'function_list', 'module_list', 'pragma_list',
  'compile_options', 'user_version', 'application_id', 'schema_version', 'data_version', 'page_count', 'page_size',
  'freelist_count', 'encoding', 'foreign_keys', 'journal_mode', 'query_only', 'auto_vacuum', 'max_page_count',
]);

/** Pragmas that read when given no value but set when given one (`PRAGMA user_version = 3` or `(3)`). */
const SETTABLE_WITH_ARGUMENT: ReadonlySet<string> = new Set([
  'user_version', 'application_id', 'schema_version', 'foreign_keys', 'journal_mode', 'query_only', 'auto_vacuum', 'max_page_count', 'page_size', 'encoding',
]);

export function classifyPragma(tokens: Token[]): Classification {
  // PRAGMA [schema.]name [= value | (argument)]
  let i = 1;
  if (tokens[i + 1]?.value === '.') i += 2;
  const nameToken = tokens[i];
  const name = (nameToken?.value ?? '').toLowerCase();
  const after = tokens[i + 1];
  const position = tokens[0]?.start;
  if (!nameToken) return result('PRAGMA', 'never', 'it names no pragma', false, position);
  if (after?.value === '=') return result(`PRAGMA ${name}`, 'destructive', 'assigning a PRAGMA changes database settings', false, position);
  if (!READ_PRAGMAS.has(name)) return result(`PRAGMA ${name}`, 'destructive', 'this PRAGMA is not one mcpctl knows to be read-only', false, position);
  if (after?.value === '(' && SETTABLE_WITH_ARGUMENT.has(name)) {
    return result(`PRAGMA ${name}`, 'destructive', 'giving this PRAGMA a value changes database settings', false, position);
  }
  return result(`PRAGMA ${name}`, 'read', 'it only reads', true, position);
}
