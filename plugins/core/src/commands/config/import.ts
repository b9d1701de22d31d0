import { defineCommand } from '@mcpctl/kernel';
import { importOptions } from './options.js';

export const configImport = defineCommand({
  path: ['config', 'import'],
  summary: 'Import an mcpServers JSON file (Claude Desktop, Cursor, VS Code)',
  description:
    'Reads the MCP server list of another tool and adds its servers to the config file in use (or creates mcpctl.config.yaml in the working directory). ' +
    'Understands `{ "mcpServers": … }` (Claude Desktop, Cursor, Windsurf) and VS Code\'s `{ "servers": …, "inputs": … }` (.vscode/mcp.json, or `mcp` in settings.json). ' +
    'Entries with `command` become `type: stdio` (command, args, env, cwd); entries with `url` become `type: http`, or `type: sse` when declared so or the URL ends in /sse. ' +
    'VS Code `${input:id}` prompts become `${env:ID}` references. Existing entries, comments and formatting are kept; a name that is already configured keeps its entry unless --overwrite.',
  examples: [
    ['Import Claude Desktop\'s servers', 'mcpctl config import ~/.config/Claude/claude_desktop_config.json'],
    ['Import a project\'s VS Code servers, prefixed', 'mcpctl config import .vscode/mcp.json --name-prefix vscode-'],
    ['See the result without writing it', 'mcpctl config import ~/.cursor/mcp.json --dry-run'],
  ],
  positionals: [{ name: 'file', description: 'The JSON file to import' }],
  options: importOptions,
  async run(ctx) {
    const { runConfigImport } = await import('../../run/config/import.js');
    return runConfigImport(ctx);
  },
});
