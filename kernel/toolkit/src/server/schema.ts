import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema } from '@mcpctl/kernel';

/**
 * JSON Schema validation for tool inputs and outputs (draft 2020-12, the MCP
 * default dialect). Validators are compiled once per schema object and
 * shared by every server instance, so building a server per session is cheap.
 */

/** A tool's input or output schema: a JSON Schema whose root is an object. */
export type ObjectSchema = { type: 'object'; properties?: Record<string, JsonSchema>; required?: string[]; [keyword: string]: unknown };

export interface SchemaCheck {
  valid: boolean;
  /** One line per problem, e.g. "/limit must be <= 1000". */
  errors: string[];
}

export type SchemaValidator = (value: unknown) => SchemaCheck;

// `useDefaults` fills in declared defaults, so handlers see `limit: 100` rather than undefined.
const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true, validateFormats: false });
const cache = new WeakMap<object, ValidateFunction>();

/**
 * Check a schema against the JSON Schema meta-schema without compiling it
 * (compiling waits for the first call, so unused tools cost no memory).
 */
export function checkSchema(schema: ObjectSchema): void {
  if (!ajv.validateSchema(schema)) throw new TypeError(`invalid JSON Schema: ${ajv.errorsText(ajv.errors)}`);
}

/** Compile (or fetch from the cache) a validator for a schema. Throws when the schema itself is invalid. */
export function compileSchema(schema: ObjectSchema): SchemaValidator {
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  const compiled = validate;
  return (value) => (compiled(value) ? { valid: true, errors: [] } : { valid: false, errors: formatErrors(compiled.errors ?? []) });
}

function formatErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((error) => {
    const where = error.instancePath || '(root)';
    if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
      const params = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
      return `${where}: unknown property "${params.additionalProperty ?? params.unevaluatedProperty}"`;
    }
    if (error.keyword === 'enum') {
      const params = error.params as { allowedValues: unknown[] };
      return `${where} must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    return `${where} ${error.message ?? 'is invalid'}`;
  });
}
