import { defineCommand } from '@mcpctl/kernel';

export const pluginsCreate = defineCommand({
  path: ['plugins', 'create'],
  summary: 'Scaffold a new plugin package (server, command, transport or auth)',
  description: 'Writes a TypeScript plugin package into <dir>: package.json with its manifest, a config schema with a namespaced $id, src/index.ts using definePlugin, a test using @mcpctl/testing, README, tsconfig.json and .gitignore. `npm install && npm test` passes in it; `mcpctl plugins link <dir>` (after `npm run build`) makes it usable at once. The package depends on this mcpctl\'s kernel by path until mcpctl is published (see its README for switching to a registry range).',
  examples: [
    ['A server type', 'mcpctl plugins create ./mcpctl-plugin-notes --kind server'],
    ['A command', 'mcpctl plugins create ./mcpctl-plugin-hello'],
  ],
  options: {
    kind: { type: 'string', choices: ['server', 'command', 'transport', 'auth'], default: 'command', description: 'What the plugin provides' },
    name: { type: 'string', description: 'Package name (default: the directory\'s name)', placeholder: 'name' },
  },
  positionals: [{ name: 'dir', description: 'A new or empty directory' }],
  async run({ io, kernel, options, positionals }) {
    const { runCreate } = await import('../run/create.js');
    return runCreate({ io, kernel, dir: positionals.dir!, kind: options.kind, ...(options.name ? { name: options.name } : {}) });
  },
});
