import { describe, expect, it } from 'vitest';
import { checkRequest, hostPolicy, isLoopback } from '../src/http/index.js';

describe('DNS-rebinding host guard', () => {
  const policy = hostPolicy('127.0.0.1', 8931, [], []);

  it('accepts the loopback names with and without the port', () => {
    for (const host of ['127.0.0.1:8931', 'localhost:8931', '[::1]:8931', 'LOCALHOST:8931', 'localhost']) expect(checkRequest(policy, { host })).toBeUndefined();
  });

  it('refuses other hosts, a missing Host, and other ports', () => {
    expect(checkRequest(policy, { host: 'evil.example.com' })).toMatch(/Host header "evil.example.com" is not allowed/);
    expect(checkRequest(policy, { host: 'evil.example.com:8931' })).toBeDefined();
    expect(checkRequest(policy, {})).toBeDefined();
    expect(checkRequest(policy, { host: 'localhost:9999' })).toBeDefined();
  });

  it('accepts no Origin (not a browser) and local origins; refuses foreign and null origins', () => {
    expect(checkRequest(policy, { host: 'localhost:8931', origin: 'http://localhost:8931' })).toBeUndefined();
    expect(checkRequest(policy, { host: 'localhost:8931', origin: 'http://evil.example.com' })).toMatch(/Origin/);
    expect(checkRequest(policy, { host: 'localhost:8931', origin: 'null' })).toMatch(/Origin/);
    expect(checkRequest(policy, { host: 'localhost:8931', origin: 'http://localhost:1234' })).toMatch(/Origin/);
  });

  it('adds configured hosts and origins; "*" turns a check off', () => {
    const custom = hostPolicy('0.0.0.0', 80, ['mcp.example.com'], ['https://app.example.com/']);
    expect(checkRequest(custom, { host: 'mcp.example.com', origin: 'https://app.example.com' })).toBeUndefined();
    expect(checkRequest(custom, { host: '0.0.0.0' })).toBeDefined();
    expect(checkRequest(custom, { host: 'other.example.com' })).toBeDefined();
    const open = hostPolicy('0.0.0.0', 80, ['*'], ['*']);
    expect(checkRequest(open, { host: 'anything', origin: 'http://anywhere' })).toBeUndefined();
  });

  it('knows loopback addresses', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.1.2.3')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('192.168.1.2')).toBe(false);
  });
});
