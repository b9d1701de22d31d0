import { mkdtempSync, readFileSync, realpathSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ConfigFragment, RawConfigFile, SourcePosition } from '../../src/config/index.js';

export const REPO = resolve(import.meta.dirname, '../../..');
export const CONFIG_FIXTURES = join(REPO, 'test/fixtures/configs');
export const FIXTURE_PLUGIN = join(CONFIG_FIXTURES, 'plugin');
export const MALFORMED = join(CONFIG_FIXTURES, 'malformed');

/** One malformed fixture and what loading it must report (see its cases.json). */
export interface MalformedCase {
  file: string;
  profile?: string;
  code: string;
  pointer?: string;
  line: number;
  column: number;
  message: string;
  /** Part of the error's hint, when the case checks it. */
  hint?: string;
  /** Only checked in process: the built CLI ships every plugin its known providers name (s3 is built in), so "not installed" cannot happen there. */
  inProcessOnly?: boolean;
}

/** Shared by malformed.test.ts (in process) and test/e2e/config-errors.test.ts (through the CLI). */
export const malformedCases = (JSON.parse(readFileSync(join(MALFORMED, 'cases.json'), 'utf8')) as { cases: MalformedCase[] }).cases;

/** The fragment of test/fixtures/configs/plugin, built the way the kernel builds one from a manifest. */
export function fixtureFragment(): ConfigFragment {
  const manifest = JSON.parse(readFileSync(join(FIXTURE_PLUGIN, 'package.json'), 'utf8')) as {
    name: string;
    mcpctl: { provides: Partial<Record<'serverTypes' | 'transports' | 'clientAuth' | 'verifiers', Array<{ name: string }>>> };
  };
  const schemaPath = join(FIXTURE_PLUGIN, 'schema.json');
  const names = (kind: 'serverTypes' | 'transports' | 'clientAuth' | 'verifiers') => (manifest.mcpctl.provides[kind] ?? []).map((entry) => entry.name);
  return {
    plugin: manifest.name,
    schemaPath,
    schema: JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>,
    serverTypes: names('serverTypes'),
    transports: names('transports'),
    clientAuth: names('clientAuth'),
    verifiers: names('verifiers'),
  };
}

/** A fake "stdio" transport plugin, written inline. */
export function stdioFragment(overrides: Partial<ConfigFragment> = {}): ConfigFragment {
  return {
    plugin: 'fake-stdio',
    schemaPath: '/virtual/fake-stdio/schema.json',
    schema: {
      $id: 'https://example.test/fake-stdio.json',
      $defs: {
        'transport:stdio': {
          properties: {
            command: { type: 'string' },
            args: { type: 'array', items: { type: 'string' }, default: [] },
            env: { $ref: '#/$defs/stringMap' },
          },
          required: ['command'],
        },
        stringMap: { type: 'object', additionalProperties: { type: 'string' } },
        'clientAuth:bearer': { properties: { token: { type: 'string' } }, required: ['token'] },
        settings: { properties: { timeoutMs: { type: 'integer', default: 5000 } } },
      },
    },
    serverTypes: [],
    transports: ['stdio'],
    clientAuth: ['bearer'],
    verifiers: [],
    ...overrides,
  };
}

/** A YAML config file that exists only in memory, with the given positions of pointers. */
export function virtualFile(raw: unknown, positions: Record<string, SourcePosition> = {}): RawConfigFile {
  return { filepath: '/virtual/mcpctl.config.yaml', format: 'yaml', raw, positions: (pointer) => positions[pointer] };
}

/** A fresh temp directory (realpath: macOS /tmp is a symlink) with the given files. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mcpctl-config-')));
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return dir;
}
