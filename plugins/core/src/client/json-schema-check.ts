/**
 * A small JSON Schema checker for what tool input schemas and elicitation
 * forms use (type, required, enum/const, properties, items,
 * additionalProperties, ranges, lengths, pattern, anyOf/oneOf/allOf, a few
 * formats). Problems name the path ("a", "filter.limit", "tags[2]") and what
 * was expected, for messages a person can act on.
 */
export type Schema = Record<string, unknown>;

export interface Problem {
  /** "" for the root, else a dotted path. */
  path: string;
  message: string;
}

export function checkValue(value: unknown, schema: unknown, path = ''): Problem[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [];
  const s = schema as Schema;
  const problems: Problem[] = [];
  const add = (message: string) => problems.push({ path, message });

  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (Array.isArray(branches) && branches.length > 0) {
      if (!branches.some((b) => checkValue(value, b, path).length === 0)) {
        add(`expected ${describeSchema(s)}, got ${describeValue(value)}`);
        return problems;
      }
    }
  }
  if (Array.isArray(s.allOf)) for (const b of s.allOf) problems.push(...checkValue(value, b, path));

  const types = typeList(s.type);
  if (types.length > 0 && !types.some((t) => hasType(value, t))) {
    add(`expected ${types.join(' or ')}, got ${describeValue(value)}`);
    return problems;
  }
  if ('const' in s && !deepEqual(value, s.const)) add(`expected ${JSON.stringify(s.const)}, got ${describeValue(value)}`);
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) add(`expected one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${describeValue(value)}`);

  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) add(`must be ≥ ${s.minimum}, got ${value}`);
    if (typeof s.maximum === 'number' && value > s.maximum) add(`must be ≤ ${s.maximum}, got ${value}`);
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) add(`must be > ${s.exclusiveMinimum}, got ${value}`);
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) add(`must be < ${s.exclusiveMaximum}, got ${value}`);
  }
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) add(`must be at least ${s.minLength} characters long`);
    if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) add(`must be at most ${s.maxLength} characters long`);
    if (typeof s.pattern === 'string' && !safeRegExp(s.pattern)?.test(value)) add(`must match /${s.pattern}/`);
    if (typeof s.format === 'string' && !formatOk(s.format, value)) add(`must be a valid ${s.format}, got ${JSON.stringify(value)}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) add(`needs at least ${s.minItems} item(s), got ${value.length}`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) add(`allows at most ${s.maxItems} item(s), got ${value.length}`);
    if (s.items && typeof s.items === 'object') value.forEach((item, i) => problems.push(...checkValue(item, s.items, `${path}[${i}]`)));
  }
  if (isPlainObject(value)) {
    const props = isPlainObject(s.properties) ? (s.properties as Record<string, unknown>) : {};
    for (const name of Array.isArray(s.required) ? s.required : []) {
      if (typeof name === 'string' && !(name in value)) problems.push({ path: join(path, name), message: `is required${describeSuffix(props[name])}` });
    }
    for (const [key, item] of Object.entries(value)) {
      if (key in props) problems.push(...checkValue(item, props[key], join(path, key)));
      else if (s.additionalProperties === false) {
        const known = Object.keys(props);
        problems.push({ path: join(path, key), message: `is not a known argument${known.length ? ` (known: ${known.join(', ')})` : ''}` });
      } else if (isPlainObject(s.additionalProperties)) problems.push(...checkValue(item, s.additionalProperties, join(path, key)));
    }
  }
  return problems;
}

/** A short human description of what a schema accepts: "number", "one of a, b", "array of string". */
export function describeSchema(schema: unknown): string {
  if (!isPlainObject(schema)) return 'any value';
  const s = schema as Schema;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  if ('const' in s) return JSON.stringify(s.const);
  const branches = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined) as unknown[] | undefined;
  if (branches) return branches.map(describeSchema).join(' or ');
  const types = typeList(s.type);
  if (types.length === 0) return 'any value';
  return types.map((t) => (t === 'array' && isPlainObject(s.items) ? `array of ${describeSchema(s.items)}` : t)).join(' or ');
}

export function typeList(type: unknown): string[] {
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function describeSuffix(schema: unknown): string {
  return isPlainObject(schema) && Object.keys(schema).length > 0 ? ` (${describeSchema(schema)})` : '';
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    case 'object': return isPlainObject(value);
    case 'null': return value === null;
    default: return true;
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

function formatOk(format: string, value: string): boolean {
  switch (format) {
    case 'email': return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
    case 'uri': try { new URL(value); return true; } catch { return false; }
    case 'date': return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'date-time': return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
    default: return true;
  }
}
