import { PassThrough } from 'node:stream';
import { isMcpctlError } from '@mcpctl/kernel';
import { describe, expect, it } from 'vitest';
import { apiKeyAuth } from '../../src/auth/api-key.js';
import { basicAuth } from '../../src/auth/basic.js';
import { bearerAuth } from '../../src/auth/bearer.js';
import { headersAuth } from '../../src/auth/headers.js';
import { coerceArguments } from '../../src/client/coerce.js';
import { parseAssignments, parseHeaders, splitCommandLine } from '../../src/client/command-line.js';
import { acceptDefaults, askOnTerminal } from '../../src/client/elicit.js';
import { checkValue } from '../../src/client/json-schema-check.js';
import { ProgressBar } from '../../src/client/progress-bar.js';
import { summarizeArguments } from '../../src/client/schema-summary.js';
import { didYouMean } from '../../src/client/suggest.js';
import { serverEnvironment } from '../../src/transports/env.js';
import { backoffDelay, parseRetryAfter, retryPolicyFrom } from '../../src/transports/retry-policy.js';

const schema = {
  type: 'object',
  properties: {
    a: { type: 'number' },
    n: { type: 'integer', minimum: 1 },
    flag: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    nums: { type: 'array', items: { type: 'number' } },
    opts: { type: 'object' },
    name: { type: 'string' },
    mode: { type: 'string', enum: ['fast', 'slow'] },
    either: { type: ['number', 'string'] },
  },
  required: ['a'],
  additionalProperties: false,
};

function thrown(fn: () => unknown): { code?: string; message: string } {
  try {
    fn();
  } catch (error) {
    return { code: isMcpctlError(error) ? error.code : undefined, message: (error as Error).message };
  }
  throw new Error('did not throw');
}

describe('argument coercion by input schema', () => {
  it('types numbers, booleans, arrays and objects', () => {
    expect(coerceArguments(['a=1.5', 'n=3', 'flag=true', 'tags=x,y', 'nums=[1,2]', 'opts={"k":1}', 'name=007', 'either=12', 'mode=fast'], schema)).toEqual({
      a: 1.5, n: 3, flag: true, tags: ['x', 'y'], nums: [1, 2], opts: { k: 1 }, name: '007', either: 12, mode: 'fast',
    });
  });

  it('reads `{…}` as an object when the schema allows an array or an object', () => {
    const union = { type: 'object', properties: { params: { type: ['array', 'object'] } } };
    expect(coerceArguments(['params={"a":1}'], union)).toEqual({ params: { a: 1 } });
    expect(coerceArguments(['params=[1,2]'], union)).toEqual({ params: [1, 2] });
    expect(coerceArguments(['params=x,y'], union)).toEqual({ params: ['x', 'y'] });
  });

  it('appends repeated array keys and merges over --args', () => {
    expect(coerceArguments(['tags=a', 'tags=b', 'a=2'], schema, { a: 1, name: 'x' })).toEqual({ a: 2, name: 'x', tags: ['a', 'b'] });
  });

  it('names the argument and the expected type', () => {
    expect(thrown(() => coerceArguments(['a=abc'], schema))).toMatchObject({ code: 'MCPCTL_CLIENT_BAD_ARGUMENT', message: 'argument a: expected a number, got "abc"' });
    expect(thrown(() => coerceArguments(['n=1.5'], schema)).message).toContain('argument n: expected an integer');
    expect(thrown(() => coerceArguments(['flag=maybe'], schema)).message).toContain('argument flag: expected true or false');
    expect(thrown(() => coerceArguments(['opts=[1]'], schema)).message).toContain('argument opts: expected a JSON object');
    expect(thrown(() => coerceArguments(['novalue'], schema)).message).toContain('not key=value');
  });

  it('infers JSON literals for keys the schema does not know', () => {
    expect(coerceArguments(['x=1', 'y=hello', 'z=[true]'], {})).toEqual({ x: 1, y: 'hello', z: [true] });
  });
});

describe('argument validation', () => {
  it('reports every problem with its path', () => {
    const problems = checkValue({ n: 0, mode: 'medium', extra: 1, tags: ['ok', 3] }, schema);
    expect(problems).toEqual(expect.arrayContaining([
      { path: 'a', message: 'is required (number)' },
      { path: 'n', message: 'must be ≥ 1, got 0' },
      { path: 'mode', message: 'expected one of "fast", "slow", got string "medium"' },
      expect.objectContaining({ path: 'extra', message: expect.stringContaining('is not a known argument') }),
      { path: 'tags[1]', message: 'expected string, got number 3' },
    ]));
  });

  it('accepts valid input', () => {
    expect(checkValue({ a: 1, either: 'x' }, schema)).toEqual([]);
  });

  it('summarizes arguments with required ones starred', () => {
    expect(summarizeArguments({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'string' } }, required: ['a'] })).toBe('a*: number, b: string');
  });
});

describe('targets', () => {
  it('splits a command line like a shell, without expansion', () => {
    expect(splitCommandLine(`node "my server.js" --flag='a b' plain\\ word "q\\"x" $HOME`)).toEqual(['node', 'my server.js', '--flag=a b', 'plain word', 'q"x', '$HOME']);
    expect(thrown(() => splitCommandLine('node "open')).code).toBe('MCPCTL_CLIENT_BAD_TARGET');
  });

  it('parses --env and --header', () => {
    expect(parseAssignments(['A=1', 'B=x=y'], '--env')).toEqual({ A: '1', B: 'x=y' });
    expect(parseHeaders(['X-Token:  abc ', 'Authorization: Bearer t'])).toEqual({ 'X-Token': 'abc', Authorization: 'Bearer t' });
    expect(thrown(() => parseHeaders(['no colon'])).code).toBe('MCPCTL_CLIENT_BAD_TARGET');
  });

  it('suggests close names', () => {
    expect(didYouMean('ech', ['echo', 'get-sum'])).toBe('; did you mean echo?');
    expect(didYouMean('zzzzzzzz', ['echo'])).toBe('; it has: echo');
  });
});

describe('stdio environment', () => {
  it('inherits a safe subset and merges the explicit env over it', () => {
    const env = serverEnvironment({ FOO: 'bar', PATH: '/custom' }, { PATH: '/usr/bin', HOME: '/home/x', AWS_SECRET_ACCESS_KEY: 's', BASH_FUNC: '() { :; }' }, 'linux');
    expect(env).toEqual({ PATH: '/custom', HOME: '/home/x', FOO: 'bar' });
  });
});

describe('retry policy', () => {
  it('backs off exponentially with jitter, capped', () => {
    const policy = retryPolicyFrom({ tries: 5, baseMs: 100, maxMs: 300 });
    expect(backoffDelay(policy, 1, undefined, () => 0)).toBe(50);
    expect(backoffDelay(policy, 1, undefined, () => 1)).toBe(100);
    expect(backoffDelay(policy, 2, undefined, () => 1)).toBe(200);
    expect(backoffDelay(policy, 5, undefined, () => 1)).toBe(300);
  });

  it('honours Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(backoffDelay(retryPolicyFrom(undefined), 1, 1500)).toBe(1500);
    expect(retryPolicyFrom(undefined).tries).toBe(3);
  });
});

describe('auth methods', () => {
  it('build the headers', async () => {
    expect(await bearerAuth({ method: 'bearer', token: 't' }).headers!()).toEqual({ Authorization: 'Bearer t' });
    expect(await basicAuth({ method: 'basic', username: 'u', password: 'p' }).headers!()).toEqual({ Authorization: `Basic ${Buffer.from('u:p').toString('base64')}` });
    expect(await apiKeyAuth({ method: 'api-key', key: 'k' }).headers!()).toEqual({ 'X-API-Key': 'k' });
    expect(await apiKeyAuth({ method: 'api-key', key: 'k', header: 'Authorization', prefix: 'ApiKey' }).headers!()).toEqual({ Authorization: 'ApiKey k' });
    expect(await headersAuth({ method: 'headers', headers: { 'X-A': '1' } }).headers!()).toEqual({ 'X-A': '1' });
  });

  it('reject a missing secret without echoing values', () => {
    const error = thrown(() => bearerAuth({ method: 'bearer', token: '' }, 'remote'));
    expect(error).toMatchObject({ code: 'MCPCTL_AUTH_CONFIG_INVALID' });
    expect(error.message).toContain('"token" is required');
    expect(thrown(() => headersAuth({ method: 'headers', headers: { 'Bad Name': 'x' } })).message).toContain('not a valid header name');
  });
});

const form = {
  message: 'Who are you?',
  requestedSchema: {
    type: 'object',
    properties: {
      name: { type: 'string', title: 'Name', minLength: 2 },
      age: { type: 'integer', minimum: 1, default: 30 },
      color: { type: 'string', oneOf: [{ const: 'r', title: 'Red' }, { const: 'g', title: 'Green' }], default: 'g' },
      ok: { type: 'boolean' },
    },
    required: ['name', 'ok'],
  },
};

describe('elicitation', () => {
  it('asks on a terminal, re-asks until the answer fits, and accepts', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (c: Buffer) => { shown += c.toString(); });
    const answer = askOnTerminal(form, { input, output });
    for (const line of ['x', 'Ann', 'abc', '', '1', 'maybe', 'y']) {
      await new Promise((r) => setTimeout(r, 10));
      input.write(`${line}\n`);
    }
    expect(await answer).toEqual({ action: 'accept', content: { name: 'Ann', age: 30, color: 'r', ok: true } });
    expect(shown).toContain('The server asks: Who are you?');
    expect(shown).toContain('1) Red [r]');
    expect(shown).toContain('age [30]');
    expect(shown).toContain('must be at least 2 characters long');
    expect(shown).toContain('enter a number');
    expect(shown).toContain('answer y or n');
  });

  it('declines on end of input', async () => {
    const input = new PassThrough();
    const answer = askOnTerminal(form, { input, output: new PassThrough() });
    input.end();
    expect(await answer).toEqual({ action: 'decline' });
  });

  it('--accept-defaults answers with the defaults, or declines when a required field has none', () => {
    const notes: string[] = [];
    expect(acceptDefaults(form, (t) => notes.push(t))).toEqual({ action: 'decline' });
    expect(notes[0]).toContain('name, ok have no default');
    const withDefaults = { ...form, requestedSchema: { ...form.requestedSchema, required: [] } };
    expect(acceptDefaults(withDefaults, () => undefined)).toEqual({ action: 'accept', content: { age: 30, color: 'g' } });
  });
});

describe('progress bar', () => {
  it('draws a bar with percentage and message, and without a total a count', () => {
    const bar = new ProgressBar(new PassThrough(), 10);
    expect(bar.line({ progress: 5, total: 10, message: 'half' })).toBe('[█████░░░░░]  50% 5/10 half');
    expect(bar.line({ progress: 7 })).toBe('[7]');
  });
});
