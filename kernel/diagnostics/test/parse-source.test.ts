import { describe, expect, it } from 'vitest';
import { parseSource, SourceSyntaxError } from '../src/index.js';

async function syntaxError(text: string, kind: 'yaml' | 'json'): Promise<SourceSyntaxError> {
  try {
    await parseSource('/work/demo/file', text, kind);
  } catch (error) {
    if (error instanceof SourceSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a syntax error');
}

describe('parseSource', () => {
  it('maps JSON pointers back to lines and columns in YAML (a member at its key, an item at the item)', async () => {
    const text = 'servers:\n  a/b:\n    args:\n      - one\n      - two\n  plain: {}\n';
    const parsed = await parseSource('/work/demo/file.yaml', text, 'yaml');
    expect(parsed.value).toEqual({ servers: { 'a/b': { args: ['one', 'two'] }, plain: {} } });
    expect(parsed.positions('/servers/a~1b')).toEqual({ line: 2, column: 3 });
    expect(parsed.positions('/servers/a~1b/args/1')).toEqual({ line: 5, column: 9 });
    expect(parsed.positions('/servers/plain')).toEqual({ line: 6, column: 3 });
    expect(parsed.positions('/servers/missing')).toBeUndefined();
    expect(parsed.positions('/servers/a~1b/args/9')).toBeUndefined();
  });

  it('maps pointers in strict JSON, relative to a root inside the document', async () => {
    const text = '{\n  "name": "x",\n  "mcpctl": {\n    "servers": { "a": { "args": ["one", "two"] } }\n  }\n}\n';
    const parsed = await parseSource('/work/demo/package.json', text, 'json', '/mcpctl');
    expect(parsed.value).toEqual({ servers: { a: { args: ['one', 'two'] } } });
    expect((parsed.document as { name: string }).name).toBe('x');
    expect(parsed.positions('/servers/a')).toEqual({ line: 4, column: 18 });
    expect(parsed.positions('/servers/a/args/1')).toEqual({ line: 4, column: text.split('\n')[3]!.indexOf('"two"') + 1 });
    expect(parsed.positions('')).toEqual({ line: 3, column: 3 });
  });

  it('refuses a trailing comma in JSON with its position, a code frame and the fix', async () => {
    const error = await syntaxError('{\n  "servers": {},\n}\n', 'json');
    expect(error.position).toEqual({ line: 3, column: 1 });
    expect(error.reason).toBe('PropertyNameExpected');
    expect(error.message).toContain('/work/demo/file:3:1  JSON syntax error: property name expected');
    expect(error.message.split('\n').slice(1)).toEqual(['3 | }', '    ^']);
    expect(error.hint).toMatch(/no trailing comma/);
  });

  it('refuses comments in JSON and says YAML has them', async () => {
    const error = await syntaxError('{\n  // a note\n  "servers": {}\n}', 'json');
    expect(error.position?.line).toBe(2);
    expect(error.hint).toMatch(/JSON has no comments/);
  });

  it('reports a YAML error at its line with YAML\'s code frame', async () => {
    const error = await syntaxError('servers:\n  a: [1, 2\n  b: 3\n', 'yaml');
    expect(error.file).toBe('/work/demo/file');
    expect(error.position?.line).toBeGreaterThanOrEqual(2);
    expect(error.message).toMatch(/^\/work\/demo\/file:\d+:\d+ {2}YAML syntax error: /);
    expect(error.message.split('\n').length).toBeGreaterThan(1);
    expect(error.reason).toMatch(/^[A-Z_]+$/);
  });
});
