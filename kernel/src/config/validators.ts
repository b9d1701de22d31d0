import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 as Ajv } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';
import { PLUGIN_SCHEMA_INVALID } from '../errors.js';
import type { JsonSchema } from '../interfaces/json-schema.js';
import { baseConfigSchema } from './base-schema.js';
import { defKey, findProvider, getDef, knownNames, schemaObject } from './fragments.js';
import { isPlainObject } from './profiles.js';
import type { ConfigFragment } from './types.js';

const require = createRequire(import.meta.url);

/**
 * One ajv instance per set of schemas (the kernel base plus the plugins'
 * fragments), holding each compiled validator; a process that validates
 * the same config twice compiles nothing the second time.
 */
export class ValidatorSet {
  readonly #ajv: Ajv;
  readonly #compiled = new Map<string, ValidateFunction>();
  /** The `$id` each fragment was registered under, by plugin name. */
  readonly #ids = new Map<string, string>();

  constructor(baseSchema: JsonSchema, fragments: readonly ConfigFragment[]) {
    // ajv is CommonJS: require() keeps it off the start-up path and synchronous.
    const Ajv2020 = (require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv }).Ajv2020;
    const addFormats = (require('ajv-formats') as { default: FormatsPlugin }).default;
    this.#ajv = new Ajv2020({ allErrors: true, useDefaults: true, verbose: true, strict: false, allowUnionTypes: true, logger: false });
    addFormats(this.#ajv);
    for (const fragment of fragments) this.#register(fragment);
    // Compiled after the fragments: their `config.json#/$defs/verifier` references resolve to the union below.
    this.#compiled.set('base', this.#compile(this.#withVerifiers(baseSchema, fragments), 'the kernel', 'schemas/config.schema.json'));
  }

  /**
   * The base schema whose `$defs/verifier` requires the options of the
   * chosen verifier: one if/then per provided method, pointing at the
   * providing plugin's `verifier:<method>` definition, closed.
   */
  #withVerifiers(baseSchema: JsonSchema, fragments: readonly ConfigFragment[]): JsonSchema {
    if (!isPlainObject(baseSchema) || !isPlainObject(baseSchema['$defs'])) return baseSchema;
    const base = baseSchema['$defs']['verifier'];
    if (!isPlainObject(base)) return baseSchema;
    const names = knownNames(fragments, ['verifier']);
    const branches = names.map((name) => {
      const provider = findProvider(fragments, ['verifier'], name)!;
      const key = defKey('verifier', name);
      // Closed inside the branch (as forDef does), so a failing option does not make its siblings "unknown".
      const then = getDef(provider.fragment, key) === undefined
        ? {}
        : { $ref: `${this.#ids.get(provider.fragment.plugin)}#/$defs/${encodeURIComponent(key)}`, properties: { method: true }, unevaluatedProperties: false };
      return { if: { properties: { method: { const: name } }, required: ['method'] }, then };
    });
    const properties = { ...(base['properties'] as Record<string, unknown> | undefined) };
    if (names.length > 0) properties['method'] = { type: 'string', enum: names };
    const verifier = { ...base, properties, ...(branches.length > 0 ? { allOf: branches } : {}) };
    return { ...baseSchema, $defs: { ...baseSchema['$defs'], verifier } };
  }

  /** The validator of the kernel's base schema. */
  base(): ValidateFunction {
    return this.#compiled.get('base')!;
  }

  /**
   * A validator for an object that the plugin's `$defs[key]` describes, plus
   * the kernel-owned `ownProperties`; anything else is an unknown option.
   */
  forDef(fragment: ConfigFragment, key: string, ownProperties: readonly string[] | 'open'): ValidateFunction {
    const cacheKey = `${fragment.plugin}\0${key}\0${ownProperties === 'open' ? '*' : ownProperties.join(',')}`;
    let validate = this.#compiled.get(cacheKey);
    if (!validate) {
      const ref = `${this.#ids.get(fragment.plugin)}#/$defs/${encodeURIComponent(key)}`;
      // 'open': only the keys the definition describes are checked (a plugin's `serverEntry` keys).
      const schema = ownProperties === 'open' ? { $ref: ref } : {
        $ref: ref,
        properties: Object.fromEntries(ownProperties.map((name) => [name, true])),
        unevaluatedProperties: false,
      };
      validate = this.#compile(schema, fragment.plugin, fragment.schemaPath);
      this.#compiled.set(cacheKey, validate);
    }
    return validate;
  }

  #register(fragment: ConfigFragment): void {
    const declared = schemaObject(fragment)['$id'];
    let id = typeof declared === 'string' && declared !== '' ? declared : `urn:mcpctl:plugin:${encodeURIComponent(fragment.plugin)}`;
    // Two plugins claiming one $id must not clash inside ajv.
    if (this.#ajv.getSchema(id) !== undefined || [...this.#ids.values()].includes(id)) id = `urn:mcpctl:plugin:${encodeURIComponent(fragment.plugin)}`;
    try {
      this.#ajv.addSchema({ ...schemaObject(fragment), $id: id });
    } catch (error) {
      throw PLUGIN_SCHEMA_INVALID(fragment.plugin, fragment.schemaPath, error instanceof Error ? error.message : String(error));
    }
    this.#ids.set(fragment.plugin, id);
  }

  #compile(schema: JsonSchema, owner: string, schemaPath: string): ValidateFunction {
    try {
      return this.#ajv.compile(schema);
    } catch (error) {
      throw PLUGIN_SCHEMA_INVALID(owner, schemaPath, error instanceof Error ? error.message : String(error));
    }
  }
}

const sets = new Map<string, ValidatorSet>();

/** The cached validator set for these schemas (keyed by their content). */
export function validatorSetFor(baseSchema: JsonSchema, fragments: readonly ConfigFragment[]): ValidatorSet {
  const key = createHash('sha256')
    .update(JSON.stringify([baseSchema, fragments.map((f) => [f.plugin, f.schemaPath, f.schema])]))
    .digest('hex');
  let set = sets.get(key);
  if (!set) {
    set = new ValidatorSet(baseSchema, fragments);
    sets.set(key, set);
  }
  return set;
}

/**
 * Check that a plugin's config-schema document compiles, before it is used:
 * returns a problem description, or undefined when it is fine. Lets the
 * kernel skip a plugin with a broken schema instead of failing every command.
 */
export function checkConfigFragment(fragment: ConfigFragment): string | undefined {
  try {
    // The real base schema, so references to its definitions (`…/config.json#/$defs/verifier`) resolve.
    const set = new ValidatorSet(baseConfigSchema(), [fragment]);
    const defs = schemaObject(fragment)['$defs'];
    // addSchema checks the document against the meta-schema; compiling each def also resolves its $refs.
    if (typeof defs === 'object' && defs !== null) for (const key of Object.keys(defs)) set.forDef(fragment, key, []);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
