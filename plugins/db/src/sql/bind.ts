import { tokenize, type Dialect } from './lexer.js';

/**
 * Named parameters (`:name`) in SQL, bound for any engine: PostgreSQL gets
 * `$1, $2…` (a name used twice reuses its number), MySQL and SQLite get `?`
 * in order. Only real parameter tokens are rewritten — never text inside
 * strings, comments or `::casts`.
 */
export interface BoundStatement {
  sql: string;
  params: unknown[];
}

export class BindError extends Error {
  readonly names: string[];
  constructor(message: string, names: string[]) {
    super(message);
    this.name = 'BindError';
    this.names = names;
  }
}

export function bindNamed(sql: string, dialect: Dialect, values: Record<string, unknown>): BoundStatement {
  const tokens = tokenize(sql, dialect).filter((token) => token.type === 'param' && /^[:@$][A-Za-z_]/.test(token.value));
  const params: unknown[] = [];
  const numbers = new Map<string, number>();
  const missing = new Set<string>();
  let out = '';
  let last = 0;
  for (const token of tokens) {
    const name = token.value.slice(1);
    if (!Object.hasOwn(values, name)) {
      missing.add(name);
      continue;
    }
    let placeholder: string;
    if (dialect === 'postgres') {
      let number = numbers.get(name);
      if (number === undefined) {
        params.push(values[name]);
        number = params.length;
        numbers.set(name, number);
      }
      placeholder = `$${number}`;
    } else {
      params.push(values[name]);
      placeholder = '?';
    }
    out += sql.slice(last, token.start) + placeholder;
    last = token.end;
  }
  if (missing.size > 0) throw new BindError(`no value for parameter${missing.size > 1 ? 's' : ''} ${[...missing].map((n) => `:${n}`).join(', ')}`, [...missing]);
  return { sql: out + sql.slice(last), params };
}

/** Names of the `:name` parameters a statement uses, in order of first use. */
export function namedParameters(sql: string, dialect: Dialect): string[] {
  const names: string[] = [];
  for (const token of tokenize(sql, dialect)) {
    if (token.type === 'param' && /^[:@$][A-Za-z_]/.test(token.value)) {
      const name = token.value.slice(1);
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}
