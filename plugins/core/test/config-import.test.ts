import { describe, expect, it } from 'vitest';
import { convertMcpServers, envNameFor, mergeServers, NEW_FILE_HEADER, parseJsonc } from '../src/config-import/index.js';

describe('convertMcpServers', () => {
  it('converts Claude Desktop / Cursor mcpServers entries', () => {
    const result = convertMcpServers({
      mcpServers: {
        filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'], env: { DEBUG: '1' } },
        local: { command: 'node', args: [], env: {}, cwd: '/srv/app' },
        remote: { url: 'https://example.com/mcp', headers: { Authorization: 'Bearer x' } },
        legacy: { url: 'https://example.com/sse' },
        typed: { type: 'sse', url: 'https://example.com/events' },
        streamable: { type: 'streamable-http', url: 'https://example.com/x/sse' },
        off: { command: 'x', disabled: true },
      },
    });
    expect(result?.source).toBe('mcpServers');
    expect(result?.entries).toEqual([
      { name: 'filesystem', entry: { type: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'], env: { DEBUG: '1' } } },
      { name: 'local', entry: { type: 'stdio', command: 'node', cwd: '/srv/app' } },
      { name: 'remote', entry: { type: 'http', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer x' } } },
      { name: 'legacy', entry: { type: 'sse', url: 'https://example.com/sse' } },
      { name: 'typed', entry: { type: 'sse', url: 'https://example.com/events' } },
      { name: 'streamable', entry: { type: 'http', url: 'https://example.com/x/sse' } },
    ]);
    expect(result?.warnings).toEqual(['off: disabled in the source file; skipped']);
  });

  it('converts VS Code servers, turning inputs into env references and ${workspaceFolder} into the folder', () => {
    const result = convertMcpServers(
      {
        inputs: [{ type: 'promptString', id: 'github-token', description: 'GitHub PAT', password: true }],
        servers: {
          github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: 'Bearer ${input:github-token}' } },
          files: { type: 'stdio', command: 'npx', args: ['-y', 'server-filesystem', '${workspaceFolder}'], envFile: '${workspaceFolder}/.env' },
          events: { type: 'sse', url: 'http://localhost:3000/sse' },
        },
      },
      { workspaceFolder: '/home/me/project' },
    );
    expect(result?.source).toBe('vscode');
    expect(result?.entries).toEqual([
      { name: 'github', entry: { type: 'http', url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: 'Bearer ${env:GITHUB_TOKEN}' } } },
      { name: 'files', entry: { type: 'stdio', command: 'npx', args: ['-y', 'server-filesystem', '/home/me/project'] } },
      { name: 'events', entry: { type: 'sse', url: 'http://localhost:3000/sse' } },
    ]);
    expect(result?.warnings).toEqual([
      'files: envFile is not supported; set those variables in `env:` or the environment',
      'input "github-token" (GitHub PAT) is now ${env:GITHUB_TOKEN}: set GITHUB_TOKEN in the environment',
    ]);
  });

  it('reads VS Code settings.json (`mcp.servers`)', () => {
    const result = convertMcpServers({ 'editor.fontSize': 12, mcp: { servers: { a: { command: 'a' } } } });
    expect(result?.entries).toEqual([{ name: 'a', entry: { type: 'stdio', command: 'a' } }]);
  });

  it('prefixes and sanitizes names, and skips what it cannot convert', () => {
    const result = convertMcpServers(
      { mcpServers: { 'My Server!': { command: 'x' }, weird: { type: 'websocket', url: 'ws://x' }, empty: {}, bad: 'nope' } },
      { namePrefix: 'claude-' },
    );
    expect(result?.entries).toEqual([{ name: 'claude-My-Server-', entry: { type: 'stdio', command: 'x' } }]);
    expect(result?.warnings).toEqual([
      "My Server!: renamed to claude-My-Server- (server names are letters, digits, '.', '_' and '-')",
      'weird: unsupported type "websocket"; skipped',
      'empty: neither `command` nor `url`; skipped',
      'bad: not an object; skipped',
    ]);
  });

  it('returns undefined for a document of neither layout', () => {
    expect(convertMcpServers({ servers: [] })).toBeUndefined();
    expect(convertMcpServers([1])).toBeUndefined();
    expect(convertMcpServers({ other: {} })).toBeUndefined();
  });

  it('derives environment variable names from input ids', () => {
    expect(envNameFor('github-token')).toBe('GITHUB_TOKEN');
    expect(envNameFor('api.key')).toBe('API_KEY');
    expect(envNameFor('1st')).toBe('INPUT_1ST');
  });
});

describe('parseJsonc', () => {
  it('accepts comments and trailing commas, and leaves strings alone', () => {
    const text = '{\n  // a comment\n  "url": "http://x//y", /* block */ "list": [1, 2,],\n  "s": "a,}",\n}\n';
    expect(parseJsonc(text)).toEqual({ url: 'http://x//y', list: [1, 2], s: 'a,}' });
    expect(parseJsonc('\uFEFF{"a": "\\"//"}')).toEqual({ a: '"//' });
    expect(() => parseJsonc('{ nope }')).toThrow(SyntaxError);
  });
});

describe('mergeServers', () => {
  const stdio = { type: 'stdio', command: 'npx' };

  it('adds entries to YAML keeping comments, order and existing entries; reports clashes', async () => {
    const text = '# my config\nservers:\n  # the docs\n  files: { type: fs, roots: [./docs] } # inline\nplugins: [] # none yet\n';
    const result = await mergeServers({ text, format: 'yaml', filepath: '/c.yaml' }, [
      { name: 'files', entry: stdio },
      { name: 'tools', entry: { ...stdio, args: ['-y', 'pkg'] } },
    ]);
    expect(result).toMatchObject({ added: ['tools'], replaced: [], kept: ['files'] });
    expect(result.text).toBe(
      // yaml re-renders flow collections with its own padding; content and comments stay.
      '# my config\nservers:\n  # the docs\n  files: { type: fs, roots: [ ./docs ] } # inline\n  tools:\n    type: stdio\n    command: npx\n    args:\n      - -y\n      - pkg\nplugins: [] # none yet\n',
    );
  });

  it('replaces clashing entries with overwrite', async () => {
    const result = await mergeServers({ text: 'servers:\n  files:\n    type: fs\n', format: 'yaml', filepath: '/c.yaml' }, [{ name: 'files', entry: stdio }], { overwrite: true });
    expect(result).toMatchObject({ added: [], replaced: ['files'], kept: [] });
    expect(result.text).toBe('servers:\n  files:\n    type: stdio\n    command: npx\n');
  });

  it('creates `servers` when absent, null or an empty flow map', async () => {
    for (const text of ['logging:\n  level: info\n', 'servers:\nlogging: {}\n', 'servers: {}\n', '', '# only a comment\n']) {
      const result = await mergeServers({ text, format: 'yaml', filepath: '/c.yaml' }, [{ name: 'a', entry: stdio }]);
      expect(result.added, text).toEqual(['a']);
      expect(result.text, text).toContain('servers:\n  a:\n    type: stdio\n    command: npx\n');
    }
  });

  it('creates a new YAML file with the schema comment when there is no config', async () => {
    const result = await mergeServers(undefined, [{ name: 'a', entry: stdio }]);
    expect(result.text).toBe(`${NEW_FILE_HEADER}\nservers:\n  a:\n    type: stdio\n    command: npx\n`);
  });

  it('merges into JSON keeping its indentation, and into package.json#mcpctl', async () => {
    const json = await mergeServers({ text: '{\n    "servers": {\n        "x": { "type": "fs" }\n    }\n}\n', format: 'json', filepath: '/c.json' }, [{ name: 'a', entry: stdio }]);
    expect(json.text).toBe('{\n    "servers": {\n        "x": {\n            "type": "fs"\n        },\n        "a": {\n            "type": "stdio",\n            "command": "npx"\n        }\n    }\n}\n');
    const pkg = await mergeServers({ text: '{\n  "name": "p"\n}\n', format: 'package.json', filepath: '/package.json' }, [{ name: 'a', entry: stdio }]);
    expect(JSON.parse(pkg.text)).toEqual({ name: 'p', mcpctl: { servers: { a: stdio } } });
  });

  it('refuses to merge into a broken file or a non-mapping `servers`', async () => {
    await expect(mergeServers({ text: 'servers: [a, b\n', format: 'yaml', filepath: '/c.yaml' }, [])).rejects.toMatchObject({ code: 'MCPCTL_CONFIG_IMPORT', exitCode: 2 });
    await expect(mergeServers({ text: 'servers: [a]\n', format: 'yaml', filepath: '/c.yaml' }, [])).rejects.toThrow('`servers` is not a mapping');
    await expect(mergeServers({ text: '{ nope', format: 'json', filepath: '/c.json' }, [])).rejects.toMatchObject({ code: 'MCPCTL_CONFIG_IMPORT' });
  });
});
