import { defineCommand } from '@mcpctl/kernel';
import { PLUGIN_KINDS } from '../../scaffold/kinds.js';

export const pluginsCreate = defineCommand({
  path: ['plugins', 'create'],
  summary: 'Scaffold a new plugin package (server, command, transport, client auth or verifier)',
  description: 'Writes a TypeScript plugin package into <dir>: package.json with its manifest, a config schema with a namespaced $id, src/index.ts using definePlugin, a test using @mcpctl/testing, README, tsconfig.json and .gitignore. `npm install && npm test` passes in it; `mcpctl plugins link <dir>` (after `npm run build`) makes it usable at once. The package depends on this mcpctl\'s kernel by path until mcpctl is published (see its README for switching to a registry range).',
  examples: [
    ['A server type', 'mcpctl plugins create ./mcpctl-plugin-notes --kind server'],
    ['A command', 'mcpctl plugins create ./mcpctl-plugin-hello'],
    ['A verifier for `serve.auth`', 'mcpctl plugins create ./mcpctl-plugin-token-check --kind verifier'],
  ],
  options: {
    kind: { type: 'string', choices: [...PLUGIN_KINDS], default: 'command', description: 'What the plugin provides: a server type, a command, a client transport, a client auth method (auth) or a verifier for endpoints mcpctl serves' },
    name: { type: 'string', description: 'Package name (default: the directory\'s name)', placeholder: 'name' },
  },
  positionals: [{ name: 'dir', description: 'A new or empty directory' }],
  async run({ io, kernel, options, positionals }) {
    const { runCreate } = await import('../../run/plugins/create.js');
    return runCreate({ io, kernel, dir: positionals.dir!, kind: options.kind, ...(options.name ? { name: options.name } : {}) });
  },
});
