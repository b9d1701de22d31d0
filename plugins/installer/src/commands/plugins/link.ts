import { defineCommand } from '@mcpctl/kernel';

export const pluginsLink = defineCommand({
  path: ['plugins', 'link'],
  summary: 'Use a plugin working copy directly (like npm link)',
  description: 'Links the user plugin folder\'s entry for the package in <dir> to that directory, so edits (after a build) take effect at once. The manifest is checked first; `plugins list` shows the source `linked`; `plugins uninstall <name>` removes the link (never the directory).',
  examples: [['Link a working copy', 'mcpctl plugins link ./mcpctl-plugin-greet']],
  positionals: [{ name: 'dir', description: 'The plugin package directory' }],
  async run({ io, kernel, positionals }) {
    const { runLink } = await import('../../run/plugins/link.js');
    return runLink({ io, kernel, dir: positionals.dir! });
  },
});
