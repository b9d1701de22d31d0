import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { composeConfigSchema, CONFIG_SCHEMA_ID } from '../../src/config/index.js';
import { fixtureFragment, stdioFragment } from './helpers.js';

const require = createRequire(import.meta.url);
const Ajv = (require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 }).Ajv2020;
const addFormats = (require('ajv-formats') as { default: (ajv: Ajv2020) => void }).default;

/** Compile the composed schema the way an editor would: one self-contained document. */
function compile(schema: object) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('composeConfigSchema', () => {
  const fragments = [fixtureFragment(), stdioFragment()];
  const schema = composeConfigSchema(fragments, { s3: '@mcpctl/plugin-s3', memo: 'already-known' });

  it('is the base schema, self-contained, with every plugin fragment embedded', () => {
    expect(schema['$id']).toBe(CONFIG_SCHEMA_ID);
    const defs = schema['$defs'] as Record<string, Record<string, unknown>>;
    expect(Object.keys(defs)).toEqual(expect.arrayContaining(['plugin:mcpctl-plugin-config-fixture', 'plugin:fake-stdio', 'serverEntry', 'auth']));
    expect(defs['plugin:fake-stdio']!['$id']).toBeUndefined();
    // Local references inside a fragment now point into its embedded copy.
    const stdio = (defs['plugin:fake-stdio']!['$defs'] as Record<string, { properties: Record<string, { $ref?: string }> }>)['transport:stdio']!;
    expect(stdio.properties['env']!.$ref).toBe('#/$defs/plugin:fake-stdio/$defs/stringMap');
    expect(JSON.stringify(schema)).not.toContain('https://example.test/fake-stdio.json');
  });

  it('ties server entries to their type with if/then, closed by unevaluatedProperties', () => {
    const entry = (schema['$defs'] as Record<string, Record<string, unknown>>)['serverEntry']!;
    expect(entry['unevaluatedProperties']).toBe(false);
    const type = (entry['properties'] as Record<string, Record<string, unknown>>)['type']!;
    expect(type['enum']).toEqual(['memo', 'pipe', 'web', 'stdio']);
    expect(type['description']).toContain('s3 (@mcpctl/plugin-s3)');
    expect(type['description']).not.toContain('already-known');
    expect(entry['allOf']).toContainEqual({
      if: { properties: { type: { const: 'stdio' } }, required: ['type'] },
      then: { $ref: '#/$defs/plugin:fake-stdio/$defs/transport:stdio' },
    });
  });

  it('validates configs the same way the staged validator does', () => {
    const validate = compile(schema);
    const good = {
      servers: {
        files: { type: 'memo', roots: ['./docs'], limits: { maxBytes: 10 } },
        tools: { type: 'stdio', command: 'npx', env: { A: 'b' }, auth: { method: 'bearer', token: 't' } },
        remote: { type: 'web', url: 'https://example.com/mcp', auth: { method: 'shared-key', key: 'k' } },
      },
      pluginConfig: { 'fake-stdio': { timeoutMs: 10 }, 'some-other-plugin': { anything: 1 } },
      'x-anchors': { any: 'thing' },
    };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);

    const cases: Array<[object, string]> = [
      [{ servers: { f: { type: 'memo', roots: ['.'], rots: 1 } } }, 'unevaluatedProperties'],
      [{ servers: { t: { type: 'stdio', command: 'x', roots: ['.'] } } }, 'unevaluatedProperties'],
      [{ servers: { t: { type: 'stdio' } } }, 'required'],
      [{ servers: { t: { type: 's3' } } }, 'enum'],
      [{ servers: { t: { type: 'stdio', command: 'x', auth: { method: 'bearer' } } } }, 'required'],
      [{ servers: { t: { type: 'stdio', command: 'x', auth: { method: 'bearer', token: 't', extra: 1 } } } }, 'unevaluatedProperties'],
      [{ pluginConfig: { 'fake-stdio': { timeoutMs: 'soon' } } }, 'type'],
      [{ pluginConfig: { 'fake-stdio': { timeout: 1 } } }, 'unevaluatedProperties'],
      [{ sever: {} }, 'additionalProperties'],
    ];
    for (const [config, keyword] of cases) {
      expect(validate(config), JSON.stringify(config)).toBe(false);
      expect(validate.errors!.map((error) => error.keyword), JSON.stringify(config)).toContain(keyword);
    }
  });

  it('accepts any options for a provided name the plugin does not describe', () => {
    const bare = stdioFragment({ plugin: 'bare', schema: { $id: 'urn:bare', $defs: {} }, transports: ['raw'], clientAuth: [] });
    const validate = compile(composeConfigSchema([bare]));
    expect(validate({ servers: { r: { type: 'raw', whatever: [1, 2] } } })).toBe(true);
  });

  it('with no plugins, any type string is allowed but entries take no options', () => {
    const validate = compile(composeConfigSchema([]));
    expect(validate({ servers: { a: { type: 'x' } } })).toBe(true);
    expect(validate({ servers: { a: { type: 'x', url: 'u' } } })).toBe(false);
  });

  it('does not modify its inputs', () => {
    const fragment = stdioFragment();
    const before = JSON.stringify(fragment);
    composeConfigSchema([fragment]);
    expect(JSON.stringify(fragment)).toBe(before);
  });
});
