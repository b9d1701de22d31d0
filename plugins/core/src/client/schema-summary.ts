import { describeSchema, isPlainObject } from './json-schema-check.js';

/** "a*: number, b*: number, note: string" — a tool's arguments, required ones starred. */
export function summarizeArguments(inputSchema: unknown): string {
  if (!isPlainObject(inputSchema) || !isPlainObject(inputSchema.properties)) return '';
  const required = new Set(Array.isArray(inputSchema.required) ? inputSchema.required : []);
  return Object.entries(inputSchema.properties)
    .map(([name, schema]) => `${name}${required.has(name) ? '*' : ''}: ${describeSchema(schema)}`)
    .join(', ');
}

/** "city*, state" — a prompt's arguments, required ones starred. */
export function summarizePromptArguments(args: unknown): string {
  if (!Array.isArray(args)) return '';
  return args
    .filter(isPlainObject)
    .map((a) => `${String(a.name)}${a.required ? '*' : ''}`)
    .join(', ');
}
