/**
 * A small SQL tokenizer that knows each dialect's comments, strings and
 * quoted identifiers — the places where a naive scan for `;` or `DELETE`
 * goes wrong. It does not parse; the classifier reads its tokens.
 */

export type Dialect = 'sqlite' | 'postgres' | 'mysql';

export type TokenType = 'word' | 'ident' | 'string' | 'number' | 'param' | 'punct';

export interface Token {
  type: TokenType;
  /** Words are upper-cased; quoted identifiers are unquoted; strings keep their raw text. */
  value: string;
  /** Offset of the token's first character in the source. */
  start: number;
  end: number;
}

export class SqlLexError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = 'SqlLexError';
    this.position = position;
  }
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DIGIT = /[0-9]/;

export function tokenize(sql: string, dialect: Dialect): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  // MySQL runs the body of `/*! … */` and `/*M! … */` as code: we lex it as code too.
  let inExecutableComment = false;

  const push = (type: TokenType, value: string, start: number, end: number): void => {
    tokens.push({ type, value, start, end });
  };

  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1];

    if (/\s/.test(c)) {
      i++;
      continue;
    }

    // ---- comments
    if (c === '-' && next === '-') {
      // MySQL needs whitespace (or end of input) after `--`; otherwise it is two minus signs.
      const after = sql[i + 2];
      if (dialect !== 'mysql' || after === undefined || /\s/.test(after)) {
        i = skipLine(sql, i);
        continue;
      }
    }
    if (c === '#' && dialect === 'mysql') {
      i = skipLine(sql, i);
      continue;
    }
    if (c === '*' && next === '/' && inExecutableComment) {
      inExecutableComment = false;
      i += 2;
      continue;
    }
    if (c === '/' && next === '*') {
      if (dialect === 'mysql') {
        const executable = /^\/\*M?!(\d{5,6})?/.exec(sql.slice(i, i + 10));
        if (executable) {
          if (inExecutableComment) throw new SqlLexError('nested executable comment', i);
          inExecutableComment = true;
          i += executable[0].length;
          continue;
        }
      }
      i = skipBlockComment(sql, i, dialect);
      continue;
    }

    // ---- strings and quoted identifiers
    if (c === "'") {
      const end = scanQuoted(sql, i, "'", dialect === 'mysql');
      push('string', sql.slice(i + 1, end - 1), i, end);
      i = end;
      continue;
    }
    if (dialect === 'postgres' && (c === 'E' || c === 'e') && next === "'") {
      const end = scanQuoted(sql, i + 1, "'", true);
      push('string', sql.slice(i + 2, end - 1), i, end);
      i = end;
      continue;
    }
    if (dialect === 'postgres' && (c === 'U' || c === 'u') && next === '&' && (sql[i + 2] === "'" || sql[i + 2] === '"')) {
      const quote = sql[i + 2] as string;
      const end = scanQuoted(sql, i + 2, quote, false);
      push(quote === "'" ? 'string' : 'ident', sql.slice(i + 3, end - 1), i, end);
      i = end;
      continue;
    }
    if (dialect === 'postgres' && (c === 'B' || c === 'b' || c === 'X' || c === 'x') && next === "'") {
      const end = scanQuoted(sql, i + 1, "'", false);
      push('string', sql.slice(i + 2, end - 1), i, end);
      i = end;
      continue;
    }
    if (c === '"') {
      // In MySQL (without ANSI_QUOTES) a double-quoted text is a string.
      const end = scanQuoted(sql, i, '"', dialect === 'mysql');
      push(dialect === 'mysql' ? 'string' : 'ident', unquote(sql.slice(i + 1, end - 1), '"'), i, end);
      i = end;
      continue;
    }
    if (c === '`' && dialect !== 'postgres') {
      const end = scanQuoted(sql, i, '`', false);
      push('ident', unquote(sql.slice(i + 1, end - 1), '`'), i, end);
      i = end;
      continue;
    }
    if (c === '[' && dialect === 'sqlite') {
      const close = sql.indexOf(']', i + 1);
      if (close < 0) throw new SqlLexError('unterminated [identifier]', i);
      push('ident', sql.slice(i + 1, close), i, close + 1);
      i = close + 1;
      continue;
    }
    if (c === '$' && dialect === 'postgres') {
      const tag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 66));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        if (close < 0) throw new SqlLexError(`unterminated dollar-quoted string ${tag[0]}`, i);
        push('string', sql.slice(i + tag[0].length, close), i, close + tag[0].length);
        i = close + tag[0].length;
        continue;
      }
      const positional = /^\$\d+/.exec(sql.slice(i, i + 12));
      if (positional) {
        push('param', positional[0], i, i + positional[0].length);
        i += positional[0].length;
        continue;
      }
    }

    // ---- parameters
    if (c === '?') {
      const numbered = dialect === 'sqlite' ? /^\?\d*/.exec(sql.slice(i, i + 12)) : null;
      const text = numbered ? numbered[0] : '?';
      push('param', text, i, i + text.length);
      i += text.length;
      continue;
    }
    if ((c === ':' || (dialect === 'sqlite' && (c === '@' || c === '$'))) && next !== undefined && WORD_START.test(next) && sql[i - 1] !== ':') {
      let end = i + 1;
      while (end < n && WORD_PART.test(sql[end] as string)) end++;
      push('param', sql.slice(i, end), i, end);
      i = end;
      continue;
    }

    // ---- words and numbers
    if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < n && WORD_PART.test(sql[end] as string)) end++;
      push('word', sql.slice(i, end).toUpperCase(), i, end);
      i = end;
      continue;
    }
    if (DIGIT.test(c) || (c === '.' && next !== undefined && DIGIT.test(next))) {
      let end = i + 1;
      while (end < n && /[0-9A-Za-z_.]/.test(sql[end] as string)) end++;
      push('number', sql.slice(i, end), i, end);
      i = end;
      continue;
    }

    // ---- punctuation: keep `::` as one token so casts never look like named parameters
    if (c === ':' && next === ':') {
      push('punct', '::', i, i + 2);
      i += 2;
      continue;
    }
    push('punct', c, i, i + 1);
    i++;
  }
  if (inExecutableComment) throw new SqlLexError('unterminated executable comment /*! … */', n);
  return tokens;
}

function skipLine(sql: string, i: number): number {
  const nl = sql.indexOf('\n', i);
  return nl < 0 ? sql.length : nl + 1;
}

function skipBlockComment(sql: string, start: number, dialect: Dialect): number {
  // PostgreSQL block comments nest; MySQL and SQLite ones do not.
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth = dialect === 'postgres' ? depth + 1 : 1;
      i += 2;
      continue;
    }
    if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
      continue;
    }
    i++;
  }
  // SQLite accepts an unterminated comment at the end of input; the others reject it.
  if (dialect === 'sqlite') return sql.length;
  throw new SqlLexError('unterminated /* comment', start);
}

/** Offset just past the closing quote of a quoted run starting at `start`. */
function scanQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  throw new SqlLexError(`unterminated ${quote === "'" ? 'string' : 'quoted identifier'}`, start);
}

function unquote(body: string, quote: string): string {
  return body.split(quote + quote).join(quote);
}

/** Split tokens into statements at top-level semicolons; empty statements are dropped. */
export function splitStatements(tokens: readonly Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    if (token.type === 'punct' && token.value === ';') {
      if (current.length > 0) statements.push(current);
      current = [];
      continue;
    }
    current.push(token);
  }
  if (current.length > 0) statements.push(current);
  return statements;
}
