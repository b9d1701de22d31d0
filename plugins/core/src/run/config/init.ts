import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, type CommandRunContext } from '@mcpctl/kernel';
import type { initOptions } from '../../commands/config/options.js';
import { CONFIG_EXISTS } from '../../errors.js';

export async function runInit({ io, kernel, options }: CommandRunContext<typeof initOptions>): Promise<number> {
  const { SCHEMA_FILE, starterConfig } = await import('./starter-config.js');
  const dir = kernel.options.cwd;
  const file = join(dir, options.format === 'json' ? 'mcpctl.config.json' : 'mcpctl.config.yaml');
  if (!options.force && (await exists(file))) throw CONFIG_EXISTS(file);

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
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
