import { describe, expect, it } from 'vitest';
import { extractGlobalOptions } from '../src/global-options.js';

describe('global options', () => {
  it('take the profile from --profile, else MCPCTL_PROFILE (an empty variable is no profile)', () => {
    expect(extractGlobalOptions(['tools', 'x'], { MCPCTL_PROFILE: 'ci' }).globals.profile).toBe('ci');
    expect(extractGlobalOptions(['--profile', 'dev', 'tools'], { MCPCTL_PROFILE: 'ci' }).globals.profile).toBe('dev');
    expect(extractGlobalOptions(['--profile=dev', 'tools'], {}).globals.profile).toBe('dev');
    expect(extractGlobalOptions(['tools'], { MCPCTL_PROFILE: '' }).globals.profile).toBeUndefined();
  });

  it('leave the command words in place', () => {
    expect(extractGlobalOptions(['--json', 'call', 'files', 'read', '--profile', 'ci'], {}).rest).toEqual(['call', 'files', 'read']);
  });
});
