import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { writeFileAtomic, type CommandRunContext } from '@mcpctl/kernel';
import type { importOptions } from '../../commands/config/options.js';
import type { ExistingConfig } from '../../config-import/index.js';
import { CONFIG_IMPORT } from '../../errors.js';

export async function runConfigImport({ io, kernel, options, positionals }: CommandRunContext<typeof importOptions>): Promise<number> {
  const { convertMcpServers, mergeServers, parseJsonc } = await import('../../config-import/index.js');
  const sourcePath = resolve(kernel.options.cwd, positionals['file']!);
  let document: unknown;
  try {
    document = parseJsonc(await readFile(sourcePath, 'utf8'));
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ENOENT';
    throw CONFIG_IMPORT(missing ? `No such file: ${sourcePath}` : `${sourcePath} is not valid JSON: ${(error as Error).message}`, {
      hint: 'Give the path of a Claude Desktop, Cursor or VS Code MCP config (JSON).',
    });
  }
  // .vscode/mcp.json: ${workspaceFolder} is the folder holding .vscode.
  const workspaceFolder = basename(dirname(sourcePath)) === '.vscode' ? dirname(dirname(sourcePath)) : undefined;
  const converted = convertMcpServers(document, { ...(options.namePrefix ? { namePrefix: options.namePrefix } : {}), ...(workspaceFolder ? { workspaceFolder } : {}) });
  if (!converted) {
    throw CONFIG_IMPORT(`${sourcePath} has no "mcpServers" or "servers" object`, {
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
}

/** The config file to merge into; undefined for a YAML file that does not exist yet. */
async function readExisting(filepath: string): Promise<ExistingConfig | undefined> {
  const extension = extname(filepath).toLowerCase();
  if (['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'].includes(extension)) {
    throw CONFIG_IMPORT(`Cannot edit ${filepath}: it is a JavaScript/TypeScript module`, {
      hint: 'Run with --dry-run to print the entries and add them by hand, or import into a YAML file with --config <file>.yaml.',
    });
  }
  const format = basename(filepath) === 'package.json' ? 'package.json' : extension === '.json' ? 'json' : 'yaml';
  let text: string;
  try {
    text = await readFile(filepath, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw CONFIG_IMPORT(`Cannot read ${filepath}: ${(error as Error).message}`);
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
