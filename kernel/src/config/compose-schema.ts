import type { JsonSchema } from '../interfaces/json-schema.js';
import { baseConfigSchema } from './base-schema.js';
import { defKey, findProvider, getDef, knownNames, schemaObject, SERVER_ENTRY_DEF, SETTINGS_DEF, type ProvidedKind } from './fragments.js';
import { escapeToken } from '@mcpctl/diagnostics';
import { isPlainObject } from './profiles.js';
import type { ConfigFragment, KnownProviders } from './types.js';

type Schema = Record<string, unknown>;

/** Keywords whose values are data, not subschemas: `$ref` strings inside them are not references. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples']);

/**
 * The one JSON Schema for a config file: the kernel's base schema with each
 * plugin's fragment embedded under `$defs` (its local references rewritten,
 * so the document is self-contained for editors), and with server entries,
 * `auth` blocks and `pluginConfig` tied to the plugins' definitions:
 *
 * - a server entry is the base entry (`type` as an enum of the known types,
 *   `description`, `auth`), every plugin's `serverEntry` keys (the daemon's
 *   `supervise`, core's `serve`…) and, selected by `type` with if/then, the
 *   providing plugin's `serverType:<name>` or `transport:<name>` definition,
 *   closed with `unevaluatedProperties: false`;
 * - `auth` (client auth, on an entry) likewise with `clientAuth:<name>`;
 * - `verifier` likewise with `verifier:<name>`; plugins reference it as
 *   `https://mcpctl.dev/schemas/config.json#/$defs/verifier` wherever they
 *   take a verifier's `auth:` block (core's `serve.auth`);
 * - `pluginConfig.<plugin>` is the plugin's `settings`, closed likewise.
 *
 * `knownProviders` (type → package) only adds "install X for type Y" text.
 */
export function composeConfigSchema(fragments: readonly ConfigFragment[], knownProviders: KnownProviders = {}, options: { baseSchema?: JsonSchema } = {}): Schema {
  const source = options.baseSchema ?? baseConfigSchema();
  const composed = structuredClone(isPlainObject(source) ? source : {}) as Schema;
  const defs = (isPlainObject(composed['$defs']) ? composed['$defs'] : (composed['$defs'] = {})) as Schema;

  // Embed each fragment, remembering where it went.
  const embedded = new Map<string, string>();
  for (const fragment of fragments) {
    let key = `plugin:${fragment.plugin}`;
    for (let n = 2; key in defs; n++) key = `plugin:${fragment.plugin}#${n}`;
    const location = `#/$defs/${escapeToken(key)}`;
    defs[key] = embed(fragment, location);
    embedded.set(fragment.plugin, location);
  }
  const refTo = (fragment: ConfigFragment, key: string): Schema | undefined =>
    getDef(fragment, key) === undefined ? undefined : { $ref: `${embedded.get(fragment.plugin)}/$defs/${escapeToken(key)}` };

  const types = knownNames(fragments, ['serverType', 'transport']);
  const clientMethods = knownNames(fragments, ['clientAuth']);
  const verifierMethods = knownNames(fragments, ['verifier']);

  defs['serverEntry'] = closedUnion({
    base: (isPlainObject(defs['serverEntry']) ? defs['serverEntry'] : {}) as Schema,
    discriminator: 'type',
    names: types,
    kinds: ['serverType', 'transport'],
    describe: describeNames('type', types, knownProviders, 'A server type (hosted by mcpctl) or a transport (to an external server).'),
    fragments,
    refTo,
    always: fragments.flatMap((fragment): Schema[] => { const ref = refTo(fragment, SERVER_ENTRY_DEF); return ref ? [ref] : []; }),
  });
  defs['auth'] = closedUnion({
    base: (isPlainObject(defs['auth']) ? defs['auth'] : {}) as Schema,
    discriminator: 'method',
    names: clientMethods,
    kinds: ['clientAuth'],
    describe: describeNames('method', clientMethods, knownProviders, 'The client auth method (credentials mcpctl sends to this server); each is provided by a plugin.'),
    fragments,
    refTo,
  });
  defs['verifier'] = closedUnion({
    base: (isPlainObject(defs['verifier']) ? defs['verifier'] : {}) as Schema,
    discriminator: 'method',
    names: verifierMethods,
    kinds: ['verifier'],
    describe: describeNames('method', verifierMethods, knownProviders, 'The verifier that checks requests to an endpoint mcpctl exposes; each is provided by a plugin.'),
    fragments,
    refTo,
  });

  const properties = (composed['properties'] ?? {}) as Schema;
  const pluginConfig = (isPlainObject(properties['pluginConfig']) ? properties['pluginConfig'] : {}) as Schema;
  const settings: Schema = {};
  for (const fragment of fragments) {
    const ref = refTo(fragment, SETTINGS_DEF);
    if (ref) settings[fragment.plugin] = { type: 'object', ...ref, unevaluatedProperties: false };
  }
  pluginConfig['properties'] = { ...(pluginConfig['properties'] as Schema | undefined), ...settings };
  return composed;
}

interface UnionSpec {
  base: Schema;
  discriminator: string;
  names: string[];
  kinds: ProvidedKind[];
  describe: string;
  fragments: readonly ConfigFragment[];
  refTo: (fragment: ConfigFragment, key: string) => Schema | undefined;
  /** Subschemas every object must also satisfy (plugins' `serverEntry` keys). */
  always?: Schema[];
}

/** The base object plus one if/then per known name, closed with unevaluatedProperties: false. */
function closedUnion(spec: UnionSpec): Schema {
  const properties = { ...(spec.base['properties'] as Schema | undefined) };
  const discriminator: Schema = { ...(properties[spec.discriminator] as Schema | undefined), description: spec.describe };
  if (spec.names.length > 0) discriminator['enum'] = spec.names;
  properties[spec.discriminator] = discriminator;
  const branches = spec.names.map((name) => {
    const provider = findProvider(spec.fragments, spec.kinds, name)!;
    // A plugin that describes no options for a name accepts any.
    const then = spec.refTo(provider.fragment, defKey(provider.kind, name)) ?? { unevaluatedProperties: true };
    return { if: { properties: { [spec.discriminator]: { const: name } }, required: [spec.discriminator] }, then };
  });
  const allOf = [...(spec.always ?? []), ...branches];
  return { ...spec.base, properties, ...(allOf.length > 0 ? { allOf } : {}), unevaluatedProperties: false };
}

function describeNames(what: string, names: readonly string[], providers: KnownProviders, lead: string): string {
  const more = Object.entries(providers).filter(([name]) => !names.includes(name));
  const extra = more.length > 0 ? ` More with plugins: ${more.map(([name, plugin]) => `${name} (${plugin})`).join(', ')}.` : '';
  return `${lead} Known ${what}s: ${names.length > 0 ? names.join(', ') : 'none'}.${extra}`;
}

/** A fragment document ready to live at `location` inside the composed schema. */
function embed(fragment: ConfigFragment, location: string): Schema {
  const { $id, $schema: _schema, ...rest } = schemaObject(fragment);
  const ownId = typeof $id === 'string' ? $id : undefined;
  const rewrite = (node: unknown, key?: string): unknown => {
    if (key !== undefined && DATA_KEYWORDS.has(key)) return node;
    if (Array.isArray(node)) return node.map((item) => rewrite(item));
    if (!isPlainObject(node)) return node;
    const out: Schema = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out[k] = rewriteRef(v, location, ownId);
      else out[k] = rewrite(v, k);
    }
    return out;
  };
  return { ...(rewrite(rest) as Schema), description: `Config schema of plugin ${fragment.plugin}` };
}

function rewriteRef(ref: string, location: string, ownId: string | undefined): string {
  if (ref.startsWith('#/') || ref === '#') return location + ref.slice(1);
  if (ownId !== undefined && (ref === ownId || ref.startsWith(`${ownId}#`))) return location + ref.slice(ownId.length + 1);
  return ref;
}
