import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ajvErrorsToIssues, describeValue, type IssueContext } from '../src/index.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    transport: { enum: ['stdio', 'http'] },
    port: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
    name: { type: 'string', minLength: 1 },
    token: { type: 'string' },
    tags: { type: 'array', uniqueItems: true },
  },
  required: ['name'],
};
const validate = new Ajv2020.default({ allErrors: true, verbose: true, strict: false }).compile(schema);
const context: IssueContext = {
  prefix: '/servers/a',
  knownOptions: () => Object.keys(schema.properties),
  isSecret: (pointer) => pointer.endsWith('/token'),
};
// ajvErrorsToIssues describes what was found from `error.data`: validators need `verbose: true`.
const issuesOf = (value: unknown) => {
  expect(validate(value)).toBe(false);
  return ajvErrorsToIssues(validate.errors ?? [], context);
};

describe('ajvErrorsToIssues', () => {
  it('gives one issue per problem at the most specific pointer, with a did-you-mean for typos', () => {
    const issues = issuesOf({ transprot: 'stdio', transport: 'stdoi', name: '' });
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ pointer: '/servers/a/transprot', message: 'unknown option `transprot` (did you mean `transport`?)', hint: 'Rename it to `transport`.' }),
      expect.objectContaining({ pointer: '/servers/a/transport', message: 'expected one of "stdio", "http", found string "stdoi" (did you mean "stdio"?)' }),
      expect.objectContaining({ pointer: '/servers/a/name', message: 'expected a non-empty string, found string ""' }),
    ]));
    expect(issues).toHaveLength(3);
  });

  it('collapses alternatives that differ only in type, and names a missing option', () => {
    const issues = issuesOf({ port: true });
    expect(issues).toEqual([
      expect.objectContaining({ pointer: '/servers/a', message: 'missing required option `name`', hint: 'Add `name:` here.' }),
      expect.objectContaining({ pointer: '/servers/a/port', message: 'expected integer or string, found boolean true' }),
    ]);
  });

  it('never shows a secret value, only its type', () => {
    const [issue] = issuesOf({ name: 'x', token: 12345 });
    expect(issue).toMatchObject({ pointer: '/servers/a/token', found: 'number (secret)' });
    expect(JSON.stringify(issue)).not.toContain('12345');
  });

  it('describes values in words', () => {
    expect(describeValue('x'.repeat(100))).toMatch(/^string "x{57}\.\.\."$/);
    expect([describeValue(undefined), describeValue(null), describeValue([]), describeValue([1, 2]), describeValue({})]).toEqual(['nothing', 'null', 'empty array', 'array of 2', 'object']);
  });
});
