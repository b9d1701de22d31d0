import { describe, expect, it } from 'vitest';
import { configInvalidError, readConfigFile, resolveConfig, validateConfig } from '../../src/config/index.js';
import { isMcpctlError, type McpctlError } from '../../src/index.js';
import { fixtureFragment, MALFORMED, malformedCases as cases, type MalformedCase } from './helpers.js';

/** Read, resolve and validate a fixture the way `mcpctl config validate` does; the error it ends in. */
async function load(testCase: MalformedCase): Promise<McpctlError> {
  try {
    const file = await readConfigFile({ cwd: MALFORMED, configPath: testCase.file, env: {} });
    const resolved = resolveConfig(file, { env: {}, ...(testCase.profile ? { profile: testCase.profile } : {}) });
    const issues = validateConfig(resolved.config, [fixtureFragment()], {
      file,
      ...(resolved.profile ? { profile: resolved.profile } : {}),
      knownProviders: { s3: '@mcpctl/plugin-s3' },
    });
    if (issues.length > 0) throw configInvalidError(issues, file);
  } catch (error) {
    if (isMcpctlError(error)) return error;
    throw error;
  }
  throw new Error(`${testCase.file} loaded without an error`);
}

describe('malformed configs', () => {
  it('there are at least 20 of them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((testCase) => [testCase.file, testCase] as const))('%s', async (_name, testCase) => {
    const error = await load(testCase);
    expect(error.code).toBe(testCase.code);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(testCase.message);
    if (testCase.hint) expect(error.hint).toContain(testCase.hint);
    const details = error.details ?? {};
    if (testCase.code === 'MCPCTL_CONFIG_INVALID') {
      // Exactly one issue, at the exact pointer, line and column.
      const issues = details['issues'] as Array<{ pointer: string; line?: number; column?: number; message: string; hint: string }>;
      expect(issues.map((issue) => [issue.pointer, issue.line, issue.column])).toEqual([[testCase.pointer, testCase.line, testCase.column]]);
      expect(issues[0]!.hint).not.toBe('');
      expect(error.message).toContain(`:${testCase.line}:${testCase.column}  ${testCase.pointer || '/'}  `);
    } else {
      expect(details['line']).toBe(testCase.line);
      expect(details['column']).toBe(testCase.column);
      expect(details['pointer']).toBe(testCase.pointer);
      if (testCase.code !== 'MCPCTL_CONFIG_PROFILE_UNKNOWN') expect(error.message).toContain(`:${testCase.line}:${testCase.column}`);
    }
    expect(error.message).not.toMatch(/\n\s+at /); // never a stack trace
  });
});
