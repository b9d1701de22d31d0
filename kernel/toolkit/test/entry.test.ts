import { describe, expect, it } from 'vitest';
import { ENTRY_INVALID, stdioCommand, stringArrayField, stringMapField, urlField } from '../src/entry/index.js';

const problemOf = (work: () => unknown): { code?: string; details?: Record<string, unknown>; message: string } => {
  try {
    work();
  } catch (error) {
    return error as { code?: string; details?: Record<string, unknown>; message: string };
  }
  throw new Error('expected an error');
};

describe('stdioCommand', () => {
  it('reads command, args, env and cwd; cwd resolves against baseDir when given', () => {
    expect(stdioCommand({ type: 'stdio', command: 'npx', args: ['-y', 'x', 3], env: { A: 1, B: true }, cwd: 'sub' }, 'tools', { baseDir: '/cfg' })).toEqual({
      command: 'npx',
      args: ['-y', 'x', '3'],
      env: { A: '1', B: 'true' },
      cwd: '/cfg/sub',
    });
    expect(stdioCommand({ type: 'stdio', command: 'npx', cwd: '/abs' }, 'tools', { baseDir: '/cfg' }).cwd).toBe('/abs');
    expect(stdioCommand({ type: 'stdio', command: 'npx', cwd: 'rel' }, 'tools')).toMatchObject({ args: [], env: {}, cwd: 'rel' });
    expect(stdioCommand({ type: 'stdio', command: 'npx' }, 'tools').cwd).toBeUndefined();
  });

  it('says which server and which field is wrong, with a code and exit code 2', () => {
    const missing = problemOf(() => stdioCommand({ type: 'stdio' }, 'tools'));
    expect(ENTRY_INVALID.is(missing)).toBe(true);
    expect(missing).toMatchObject({ code: 'MCPCTL_ENTRY_INVALID', exitCode: 2, details: { server: 'tools', field: 'command', problem: 'a stdio entry needs a `command`' } });
    expect(problemOf(() => stdioCommand({ type: 'stdio', command: 'x', args: 'no' }, 'tools')).message).toBe('Server tools: "args" must be a list of strings');
    expect(problemOf(() => stdioCommand({ type: 'stdio', command: 'x', env: { A: {} } }, 'tools')).details).toMatchObject({ field: 'env.A' });
    expect(problemOf(() => stdioCommand({ type: 'stdio', command: 7 }, 'tools')).message).toMatch(/"command" must be a non-empty string/);
  });
});

describe('fields', () => {
  it('urlField accepts http(s) only', () => {
    expect(urlField({ type: 'http', url: 'https://example.com/mcp' }, 'remote').href).toBe('https://example.com/mcp');
    expect(problemOf(() => urlField({ type: 'http', url: 'ftp://x' }, 'remote')).message).toMatch(/must be http:\/\/ or https:\/\//);
    expect(problemOf(() => urlField({ type: 'http', url: 'not a url' }, 'remote')).message).toMatch(/not a valid URL/);
    expect(problemOf(() => urlField({ type: 'http' }, 'remote')).message).toMatch(/"url" is required for type http/);
  });

  it('absent optional fields are undefined; wrong shapes are errors', () => {
    expect(stringArrayField({ type: 'x' }, 'args', 's')).toBeUndefined();
    expect(stringMapField({ type: 'x' }, 'env', 's')).toBeUndefined();
    expect(problemOf(() => stringMapField({ type: 'x', env: [] }, 'env', 's')).message).toMatch(/map of names to strings/);
  });
});
