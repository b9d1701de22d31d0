import { BAD_ARGUMENT } from './errors.js';
import { isPlainObject, typeList, type Schema } from './json-schema-check.js';

/**
 * Turn `key=value` words into tool arguments, typed by the tool's input
 * schema: numbers and booleans parsed, arrays from JSON (or comma lists, or
 * a repeated key), objects from JSON, strings left alone. Keys the schema
 * does not know are parsed as JSON when they look like it, else strings.
 */
export function coerceArguments(pairs: readonly string[], inputSchema: unknown, base: Record<string, unknown> = {}): Record<string, unknown> {
  const properties = isPlainObject(inputSchema) && isPlainObject(inputSchema.properties) ? (inputSchema.properties as Record<string, Schema>) : {};
  const args: Record<string, unknown> = { ...base };
  const repeated = new Set<string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw BAD_ARGUMENT(`"${pair}" is not key=value (use --args '<json>' for complex arguments)`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    const schema = properties[key];
    const value = coerceValue(key, raw, schema);
    if (schema && typeList(schema.type).includes('array') && repeated.has(key) && Array.isArray(args[key]) && Array.isArray(value)) {
      args[key] = [...(args[key] as unknown[]), ...value];
    } else {
      args[key] = value;
    }
    repeated.add(key);
  }
  return args;
}

function coerceValue(key: string, raw: string, schema: Schema | undefined): unknown {
  if (!schema) return inferValue(raw);
  const types = typeList(schema.type);
  const branchTypes = [schema.anyOf, schema.oneOf].flatMap((b) => (Array.isArray(b) ? b : [])).flatMap((b) => (isPlainObject(b) ? typeList(b.type) : []));
  const candidates = types.length > 0 ? types : branchTypes;
  if (candidates.length === 0) {
    if (Array.isArray(schema.enum) && schema.enum.every((e) => typeof e === 'string')) return raw;
    return inferValue(raw);
  }
  if (candidates.length === 1 || (candidates.length === 2 && candidates.includes('null'))) {
    const type = candidates.find((t) => t !== 'null')!;
    if (raw === 'null' && candidates.includes('null')) return null;
    return coerceAs(key, raw, type, schema);
  }
  // A union: the first reading that fits, strings last. Text that opens with `{`
  // is read as an object first (the array reading would wrap it in a one-item list).
  const structured = raw.trimStart().startsWith('{') ? ['object', 'array'] : ['array', 'object'];
  for (const type of ['null', 'boolean', 'integer', 'number', ...structured]) {
    if (!candidates.includes(type)) continue;
    try {
      return coerceAs(key, raw, type, schema);
    } catch {
      // try the next type
    }
  }
  if (candidates.includes('string')) return raw;
  throw BAD_ARGUMENT(`argument ${key}: expected ${candidates.join(' or ')}, got "${raw}"`);
}

function coerceAs(key: string, raw: string, type: string, schema: Schema): unknown {
  switch (type) {
    case 'string':
      return raw;
    case 'number':
    case 'integer': {
      const n = raw.trim() === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(n)) throw BAD_ARGUMENT(`argument ${key}: expected a number, got "${raw}"`);
      if (type === 'integer' && !Number.isInteger(n)) throw BAD_ARGUMENT(`argument ${key}: expected an integer, got "${raw}"`);
      return n;
    }
    case 'boolean': {
      const v = raw.toLowerCase();
      if (['true', 'yes', 'y', '1', 'on'].includes(v)) return true;
      if (['false', 'no', 'n', '0', 'off'].includes(v)) return false;
      throw BAD_ARGUMENT(`argument ${key}: expected true or false, got "${raw}"`);
    }
    case 'null':
      if (raw === 'null' || raw === '') return null;
      throw BAD_ARGUMENT(`argument ${key}: expected null, got "${raw}"`);
    case 'array': {
      if (raw.trim().startsWith('[')) return parseJson(key, raw, 'a JSON array', Array.isArray);
      const items = isPlainObject(schema.items) ? (schema.items as Schema) : undefined;
      const parts = raw === '' ? [] : raw.split(',');
      return parts.map((part, i) => coerceValue(`${key}[${i}]`, part, items));
    }
    case 'object':
      return parseJson(key, raw, 'a JSON object', isPlainObject);
    default:
      return inferValue(raw);
  }
}

function parseJson(key: string, raw: string, what: string, check: (v: unknown) => boolean): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw BAD_ARGUMENT(`argument ${key}: expected ${what}, got "${raw}" (${(error as Error).message})`);
  }
  if (!check(value)) throw BAD_ARGUMENT(`argument ${key}: expected ${what}, got "${raw}"`);
  return value;
}

/** Without a schema: JSON literals (numbers, true/false/null, [..], {..}) as JSON, anything else as a string. */
function inferValue(raw: string): unknown {
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(raw) || /^\s*[[{]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}
