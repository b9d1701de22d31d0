/** A JSON Schema (draft 2020-12) document or sub-schema, as plain data. */
export type JsonSchema = { [keyword: string]: unknown } | boolean;

/** A JSON value, as parsed from a config file or a JSON-RPC message. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
