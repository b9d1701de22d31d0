import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { defineCommand, errors, writeFileAtomic } from '@mcpctl/kernel';
import type { ExistingConfig } from '../../config-import/index.js';

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
  options: {
    dryRun: { type: 'boolean', description: 'Print the resulting config file instead of writing it' },
    namePrefix: { type: 'string', description: 'Prefix for every imported server name', placeholder: 'prefix' },
    overwrite: { type: 'boolean', description: 'Replace configured servers that have the same name' },
  },
  async run({ io, kernel, options, positionals }) {
    const { convertMcpServers, mergeServers, parseJsonc } = await import('../../config-import/index.js');
    const sourcePath = resolve(kernel.options.cwd, positionals['file']!);
    let document: unknown;
    try {
      document = parseJsonc(await readFile(sourcePath, 'utf8'));
    } catch (error) {
      const missing = (error as { code?: string }).code === 'ENOENT';
      throw errors.CONFIG_IMPORT(missing ? `No such file: ${sourcePath}` : `${sourcePath} is not valid JSON: ${(error as Error).message}`, {
        hint: 'Give the path of a Claude Desktop, Cursor or VS Code MCP config (JSON).',
      });
    }
    // .vscode/mcp.json: ${workspaceFolder} is the folder holding .vscode.
    const workspaceFolder = basename(dirname(sourcePath)) === '.vscode' ? dirname(dirname(sourcePath)) : undefined;
    const converted = convertMcpServers(document, { ...(options.namePrefix ? { namePrefix: options.namePrefix } : {}), ...(workspaceFolder ? { workspaceFolder } : {}) });
    if (!converted) {
      throw errors.CONFIG_IMPORT(`${sourcePath} has no "mcpServers" or "servers" object`, {
        hint: 'Expected { "mcpServers": { name: { command, args, env } | { url } } } (Claude Desktop, Cursor) or { "servers": { … } } (VS Code).',
      });
    }

    const target = kernel.options.configPath ?? join(kernel.options.cwd, 'mcpctl.config.yaml');
    const existing = kernel.options.configPath ? await readExisting(kernel.options.configPath) : undefined;
    const merged = await mergeServers(existing, converted.entries, { overwrite: options.overwrite });

    if (options.dryRun) {
      if (io.json) io.printJson({ file: target, dryRun: true, added: merged.added, replaced: merged.replaced, kept: merged.kept, warnings: converted.warnings, text: merged.text });
      else {
        io.stdout.write(merged.text);
        report(io.stderr, target, merged, converted.warnings, true);
      }
      return 0;
    }
    if (merged.added.length + merged.replaced.length > 0) await writeFileAtomic(target, merged.text);
    if (io.json) io.printJson({ file: target, dryRun: false, added: merged.added, replaced: merged.replaced, kept: merged.kept, warnings: converted.warnings });
    else report(io.stdout, target, merged, converted.warnings, false);
    return 0;
  },
});

/** The config file to merge into; undefined for a YAML file that does not exist yet. */
async function readExisting(filepath: string): Promise<ExistingConfig | undefined> {
  const extension = extname(filepath).toLowerCase();
  if (['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'].includes(extension)) {
    throw errors.CONFIG_IMPORT(`Cannot edit ${filepath}: it is a JavaScript/TypeScript module`, {
      hint: 'Run with --dry-run to print the entries and add them by hand, or import into a YAML file with --config <file>.yaml.',
    });
  }
  const format = basename(filepath) === 'package.json' ? 'package.json' : extension === '.json' ? 'json' : 'yaml';
  let text: string;
  try {
    text = await readFile(filepath, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw errors.CONFIG_IMPORT(`Cannot read ${filepath}: ${(error as Error).message}`);
    // --config names a file that does not exist yet: create it.
    if (format === 'yaml') return undefined;
    text = '{}\n';
  }
  return { text, format, filepath };
}

function report(
  stream: NodeJS.WritableStream,
  target: string,
  merged: { added: string[]; replaced: string[]; kept: string[] },
  warnings: string[],
  dryRun: boolean,
): void {
  const lines: string[] = [];
  const verb = dryRun ? 'Would import' : 'Imported';
  const changed = [...merged.added, ...merged.replaced];
  lines.push(changed.length > 0 ? `${verb} ${changed.length} server(s) into ${target}: ${changed.join(', ')}` : `No servers to import into ${target}.`);
  if (merged.replaced.length > 0) lines.push(`Replaced: ${merged.replaced.join(', ')}`);
  if (merged.kept.length > 0) lines.push(`Already configured, kept as they are: ${merged.kept.join(', ')} (use --overwrite to replace them)`);
  for (const warning of warnings) lines.push(`warning: ${warning}`);
  stream.write(`${lines.join('\n')}\n`);
}
