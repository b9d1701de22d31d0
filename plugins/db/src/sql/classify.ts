import { SqlLexError, splitStatements, tokenize, type Dialect, type Token } from './lexer.js';
import { deniedFunction } from './functions.js';
import { classifyPragma } from './pragma.js';
import { REQUIREMENT_RANK, result, type Classification, type Requirement } from './classification.js';

export type { Classification, Requirement } from './classification.js';

/**
 * The SQL classifier: reads one call's SQL and says which access tier it
 * needs, so a refusal comes early with a clear reason ("`DELETE` needs
 * access: write"). It is a courtesy, never the guard: every engine runs
 * read-tier statements where the database itself refuses to write.
 */

const RANK = REQUIREMENT_RANK;

const QUERY_WORDS = new Set(['SELECT', 'VALUES', 'TABLE']);
const DML_WORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'REPLACE', 'UPSERT']);
const TRANSACTION_WORDS = new Set(['BEGIN', 'START', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'END', 'ABORT', 'XA']);
const SESSION_WORDS = new Set(['SET', 'RESET', 'USE', 'DISCARD', 'PREPARE', 'EXECUTE', 'DEALLOCATE']);
const SHOW_WORDS = new Set(['SHOW', 'DESCRIBE', 'DESC']);
/** Statements that change schema, privileges, files or the server: destructive tier. */
const DESTRUCTIVE_WORDS = new Set([
  'CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'RENAME', 'GRANT', 'REVOKE', 'COMMENT', 'REINDEX', 'CLUSTER', 'VACUUM', 'REFRESH',
  'SECURITY', 'IMPORT', 'ATTACH', 'DETACH', 'COPY', 'LOAD', 'CHECKPOINT', 'OPTIMIZE', 'REPAIR', 'FLUSH', 'PURGE', 'INSTALL',
  'UNINSTALL', 'KILL', 'SHUTDOWN', 'CHANGE', 'REASSIGN', 'DO', 'BACKUP', 'RESTORE', 'BINLOG', 'CACHE',
]);
/** MySQL/MariaDB statements that commit implicitly (cannot run inside a transaction we can roll back). */
const IMPLICIT_COMMIT_WORDS = new Set(['CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'RENAME', 'GRANT', 'REVOKE', 'LOAD', 'LOCK', 'UNLOCK', 'OPTIMIZE', 'REPAIR', 'FLUSH', 'INSTALL', 'UNINSTALL', 'CACHE', 'ANALYZE']);
/** Words that follow DO in MySQL's `DO expr` (evaluates expressions; may take locks). */
const WRITE_WORDS = new Set(['CALL', 'LOCK', 'UNLOCK', 'LISTEN', 'UNLISTEN', 'NOTIFY', 'HANDLER']);

export function classify(sql: string, dialect: Dialect): Classification {
  let tokens: Token[];
  try {
    tokens = tokenize(sql, dialect);
  } catch (error) {
    if (error instanceof SqlLexError) {
      return result('unreadable SQL', 'never', `it could not be read: ${error.message} at offset ${error.position}`, false, error.position);
    }
    throw error;
  }
  const statements = splitStatements(tokens);
  if (statements.length === 0) return result('empty statement', 'never', 'there is no statement to run', false);
  if (statements.length > 1) {
    const second = statements[1]?.[0];
    return result('multiple statements', 'never', 'only one statement runs per call', false, second?.start);
  }
  return classifyStatement(statements[0] as Token[], dialect);
}

function classifyStatement(all: Token[], dialect: Dialect): Classification {
  let start = 0;
  while (all[start]?.type === 'punct' && all[start]?.value === '(') start++;
  const tokens = all.slice(start);
  const first = tokens[0] as Token;
  const verb = first.type === 'word' ? first.value : '';

  if (QUERY_WORDS.has(verb)) return escalate(result(verb, 'read', 'it only reads', true), scanReadBody(tokens, dialect));
  if (verb === 'WITH') return classifyWith(tokens, dialect);
  if (SHOW_WORDS.has(verb)) return result(verb, 'read', 'it only reads', true);
  if (verb === 'EXPLAIN') return classifyExplain(tokens, dialect);
  if (verb === 'ANALYZE') {
    // MariaDB's `ANALYZE SELECT …` runs the statement and reports; anything else updates statistics.
    const inner = tokens.slice(1);
    if (dialect === 'mysql' && inner[0]?.type === 'word' && ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'WITH', 'REPLACE'].includes(inner[0].value)) {
      const innerClass = classifyStatement(inner, dialect);
      return { ...innerClass, kind: `ANALYZE ${innerClass.kind}`, returnsRows: true };
    }
    return result('ANALYZE', 'write', 'it updates planner statistics', false, first.start, dialect === 'mysql');
  }
  if (verb === 'PRAGMA' && dialect === 'sqlite') return classifyPragma(tokens);
  if (DML_WORDS.has(verb)) return classifyDml(verb, tokens, dialect);
  if (TRANSACTION_WORDS.has(verb)) return result(verb, 'never', 'mcpctl runs every call in its own transaction; transaction control is not accepted', false, first.start);
  if (SESSION_WORDS.has(verb)) return result(verb, 'never', 'session state is managed by mcpctl (each call runs on a pooled connection, in its own transaction)', false, first.start);
  if (verb === 'DO' && dialect === 'mysql') return escalate(result('DO', 'write', 'it evaluates expressions for their side effects', false, first.start), scanReadBody(tokens, dialect));
  if (WRITE_WORDS.has(verb)) {
    const reason = verb === 'CALL' ? 'a procedure may write' : verb === 'LOCK' || verb === 'UNLOCK' ? 'it takes or releases locks' : 'it has side effects';
    return result(verb, 'write', reason, false, first.start, dialect === 'mysql' && IMPLICIT_COMMIT_WORDS.has(verb));
  }
  if (DESTRUCTIVE_WORDS.has(verb)) {
    const kind = describeDdl(tokens);
    const reason = verb === 'COPY' || verb === 'LOAD' ? 'it moves data between the database and server files or programs'
      : verb === 'DO' ? 'it runs procedural code'
        : verb === 'ATTACH' || verb === 'DETACH' ? 'it attaches database files'
          : 'it changes the schema, privileges or the server';
    return result(kind, 'destructive', reason, false, first.start, dialect === 'mysql' && IMPLICIT_COMMIT_WORDS.has(verb));
  }
  return result(verb || first.value, 'destructive', 'mcpctl does not recognise it as a read-only statement', false, first.start, dialect === 'mysql');
}

function classifyWith(tokens: Token[], dialect: Dialect): Classification {
  // The main verb is the first SELECT/INSERT/UPDATE/DELETE/MERGE outside the CTE bodies.
  let depth = 0;
  let mainIndex = -1;
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type === 'punct' && token.value === '(') depth++;
    else if (token.type === 'punct' && token.value === ')') depth--;
    else if (depth === 0 && token.type === 'word' && (QUERY_WORDS.has(token.value) || DML_WORDS.has(token.value))) {
      mainIndex = i;
      break;
    }
  }
  const body = scanReadBody(tokens, dialect);
  if (mainIndex < 0) return escalate(result('WITH', 'read', 'it only reads', true), body);
  const main = tokens.slice(mainIndex);
  const mainClass = classifyStatement(main, dialect);
  return escalate({ ...mainClass, kind: `WITH … ${mainClass.kind}` }, body);
}

function classifyExplain(tokens: Token[], dialect: Dialect): Classification {
  let i = 1;
  let analyze = false;
  const optionWords = new Set(['ANALYZE', 'ANALYSE', 'VERBOSE', 'QUERY', 'PLAN', 'EXTENDED', 'PARTITIONS', 'FORMAT', 'COSTS', 'BUFFERS', 'SETTINGS', 'WAL', 'TIMING', 'SUMMARY', 'MEMORY', 'GENERIC_PLAN', 'SERIALIZE']);
  if (tokens[i]?.type === 'punct' && tokens[i]?.value === '(') {
    // PostgreSQL: EXPLAIN (ANALYZE [true|on|1], FORMAT JSON, …)
    let depth = 0;
    for (; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.value === '(') depth++;
      if (token.value === ')' && --depth === 0) {
        i++;
        break;
      }
      if (token.type === 'word' && (token.value === 'ANALYZE' || token.value === 'ANALYSE')) {
        const next = tokens[i + 1];
        analyze = !(next && ['FALSE', 'OFF', '0'].includes(next.value.toUpperCase()));
      }
    }
  }
  for (; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type === 'word' && optionWords.has(token.value)) {
      if (token.value === 'ANALYZE' || token.value === 'ANALYSE') analyze = true;
      continue;
    }
    // MySQL: FORMAT=JSON / FORMAT = TREE
    if (token.type === 'punct' && token.value === '=') {
      i++;
      continue;
    }
    break;
  }
  const inner = tokens.slice(i);
  if (inner.length === 0) return result('EXPLAIN', 'never', 'there is no statement to explain', false);
  const innerClass = classifyStatement(inner, dialect);
  if (!analyze) return { ...result(`EXPLAIN ${innerClass.kind}`, 'read', 'a plan without execution only reads', true), implicitCommit: false };
  return { ...innerClass, kind: `EXPLAIN ANALYZE ${innerClass.kind}`, reason: `EXPLAIN ANALYZE executes the statement (${innerClass.reason})`, returnsRows: true, needs: maxNeeds(innerClass.needs, 'read') };
}

function classifyDml(verb: string, tokens: Token[], dialect: Dialect): Classification {
  const body = scanReadBody(tokens, dialect);
  if (verb === 'UPDATE' || verb === 'DELETE') {
    if (!hasTopLevelWord(tokens, 'WHERE')) {
      return escalate(result(verb, 'destructive', `${verb} without a WHERE clause changes every row`, false, tokens[0]?.start), body);
    }
  }
  return escalate(result(verb, 'write', 'it changes rows', false, tokens[0]?.start), body);
}

/**
 * Inside a query (or the rest of a DML statement): writable CTEs,
 * `SELECT … INTO`, row locks and functions with side effects raise the tier.
 */
function scanReadBody(tokens: Token[], dialect: Dialect): Classification | undefined {
  let found: Classification | undefined;
  const raise = (candidate: Classification): void => {
    if (!found || RANK[candidate.needs] > RANK[found.needs]) found = candidate;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    const callsFunction = next?.type === 'punct' && next.value === '(';
    if ((token.type === 'word' || token.type === 'ident') && callsFunction) {
      const denied = deniedFunction(token.value, dialect);
      if (denied) raise(result(`${token.value.toLowerCase()}()`, denied.needs, denied.reason, false, token.start));
      continue;
    }
    if (token.type !== 'word') continue;
    if (token.value === 'UPDATE' && prev?.type === 'word' && ['FOR', 'KEY', 'NO'].includes(prev.value)) {
      raise(result('SELECT … FOR UPDATE', 'write', 'it locks rows', false, token.start));
      continue;
    }
    if (token.value === 'SHARE' && prev?.type === 'word' && (prev.value === 'FOR' || prev.value === 'KEY' || prev.value === 'IN')) {
      raise(result('SELECT … FOR SHARE', 'write', 'it locks rows', false, token.start));
      continue;
    }
    if (DML_WORDS.has(token.value) && i > 0) {
      raise(result(token.value, 'write', `it contains a data-modifying ${token.value}`, false, token.start));
      continue;
    }
    if (token.value === 'INTO' && prev?.value !== 'INSERT' && prev?.value !== 'REPLACE' && prev?.value !== 'MERGE') {
      const target = next?.type === 'word' ? next.value : '';
      if (target === 'OUTFILE' || target === 'DUMPFILE') raise(result(`SELECT … INTO ${target}`, 'destructive', 'it writes a file on the database server', false, token.start));
      else if (dialect === 'postgres') raise(result('SELECT … INTO', 'destructive', 'SELECT … INTO creates a table', false, token.start));
      else raise(result('SELECT … INTO', 'write', 'SELECT … INTO assigns variables', false, token.start));
    }
  }
  return found;
}

function hasTopLevelWord(tokens: Token[], word: string): boolean {
  let depth = 0;
  for (const token of tokens) {
    if (token.type === 'punct' && token.value === '(') depth++;
    else if (token.type === 'punct' && token.value === ')') depth--;
    else if (depth === 0 && token.type === 'word' && token.value === word) return true;
  }
  return false;
}

const OBJECT_WORDS = new Set([
  'TABLE', 'INDEX', 'VIEW', 'FUNCTION', 'PROCEDURE', 'TRIGGER', 'SEQUENCE', 'SCHEMA', 'DATABASE', 'ROLE', 'USER', 'TYPE', 'EXTENSION',
  'DOMAIN', 'EVENT', 'SERVER', 'TABLESPACE', 'POLICY', 'RULE', 'PUBLICATION', 'SUBSCRIPTION', 'AGGREGATE', 'COLLATION', 'OWNED', 'INTO', 'DATA', 'TABLES', 'PLUGIN',
]);

/** "CREATE TABLE", "DROP VIEW", "VACUUM INTO": the verb and the kind of object, when one follows. */
function describeDdl(tokens: Token[]): string {
  const verb = tokens[0]?.value ?? '';
  for (const token of tokens.slice(1, 8)) {
    if (token.type === 'word' && OBJECT_WORDS.has(token.value)) return `${verb} ${token.value}`;
  }
  return verb;
}

function maxNeeds(a: Requirement, b: Requirement): Requirement {
  return RANK[a] >= RANK[b] ? a : b;
}

function escalate(base: Classification, found: Classification | undefined): Classification {
  if (!found || RANK[found.needs] <= RANK[base.needs]) return base;
  return { ...found, kind: found.kind, returnsRows: base.returnsRows, implicitCommit: base.implicitCommit };
}
