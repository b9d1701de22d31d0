import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { defineCommand, errors, writeFileAtomic } from '@mcpctl/kernel';

export const init = defineCommand({
  path: ['init'],
  summary: 'Write a starter mcpctl.config.yaml',
  description:
    'Writes a commented starter config with one example server in the working directory, and mcpctl.schema.json beside it (the composed JSON Schema, which the config references so editors complete and check it). ' +
    'Never overwrites an existing config unless --force. YAML configs reference the schema with a `# yaml-language-server: $schema=` comment, JSON configs with a "$schema" key.',
  examples: [
    ['Start a config here', 'mcpctl init'],
    ['As JSON', 'mcpctl init --format json'],
    ['Start over', 'mcpctl init --force'],
  ],
  options: {
    force: { type: 'boolean', description: 'Overwrite an existing config file' },
    format: { type: 'string', description: 'File format', choices: ['yaml', 'json'] as const, default: 'yaml' },
  },
  async run({ io, kernel, options }) {
    const { SCHEMA_FILE, starterConfig } = await import('./config/starter-config.js');
    const dir = kernel.options.cwd;
    const file = join(dir, options.format === 'json' ? 'mcpctl.config.json' : 'mcpctl.config.yaml');
    if (!options.force && (await exists(file))) throw errors.CONFIG_EXISTS(file);

    await writeFileAtomic(file, starterConfig(options.format));
    const schemaFile = join(dir, SCHEMA_FILE);
    const writeSchema = options.force || !(await exists(schemaFile));
    if (writeSchema) await writeFileAtomic(schemaFile, `${JSON.stringify(await kernel.configSchema(), null, 2)}\n`);

    // A config found earlier in the search order would hide the new one.
    const { CONFIG_SEARCH_PLACES } = await import('@mcpctl/kernel/config');
    const name = file.slice(dir.length + 1);
    const earlier = [];
    for (const place of CONFIG_SEARCH_PLACES.slice(0, CONFIG_SEARCH_PLACES.indexOf(name))) if (await exists(join(dir, place))) earlier.push(place);

    if (io.json) {
      io.printJson({ file, schema: writeSchema ? schemaFile : null, shadowedBy: earlier });
      return 0;
    }
    io.print(`Wrote ${file}${writeSchema ? ` and ${SCHEMA_FILE}` : ''}`);
    if (earlier.length > 0) io.stderr.write(`warning: ${earlier.join(', ')} in this directory is found first; mcpctl will use that, not ${name}\n`);
    io.print('Next: edit the servers, then run `mcpctl config validate` and `mcpctl tools everything`.');
    return 0;
  },
});

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
