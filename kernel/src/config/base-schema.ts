import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The `$id` of the kernel's base config schema. */
export const CONFIG_SCHEMA_ID = 'https://mcpctl.dev/schemas/config.json';

// In the repository the schema is schemas/config.schema.json at the root; a
// published kernel package carries a copy in its own schemas/ folder.
const CANDIDATES = ['../../schemas/config.schema.json', '../../../schemas/config.schema.json'];

let cached: Record<string, unknown> | undefined;

/** The kernel's base config schema (read once per process; callers must not modify it). */
export function baseConfigSchema(): Record<string, unknown> {
  if (cached) return cached;
  for (const candidate of CANDIDATES) {
    let text: string;
    try {
      text = readFileSync(fileURLToPath(new URL(candidate, import.meta.url)), 'utf8');
    } catch {
      continue;
    }
    const schema = JSON.parse(text) as Record<string, unknown>;
    if (schema['$id'] === CONFIG_SCHEMA_ID) return (cached = schema);
  }
  throw new Error(`The kernel's config schema (${CONFIG_SCHEMA_ID}) is missing from this installation`);
}
