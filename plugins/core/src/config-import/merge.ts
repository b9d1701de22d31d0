import { errors, type ServerEntry } from '@mcpctl/kernel';
import { isPlainObject } from '../client/json-schema-check.js';
import { SCHEMA_FILE } from '../run/config/starter-config.js';
import { CONFIG_IMPORT } from '../errors.js';

/** How the config file being merged into is written. */
export type EditableFormat = 'yaml' | 'json' | 'package.json';

/** A config file to merge into, as read from disk. */
export interface ExistingConfig {
  text: string;
  format: EditableFormat;
  filepath: string;
}

export interface MergeOptions {
  /** Replace an existing entry of the same name (default: keep it and report the clash). */
  overwrite?: boolean;
}

export interface MergeResult {
  /** The new file text. */
  text: string;
  added: string[];
  replaced: string[];
  /** Names already in the config, left as they were. */
  kept: string[];
}

/** The first lines of a config file that `config import` creates. */
export const NEW_FILE_HEADER = `# yaml-language-server: $schema=./${SCHEMA_FILE}\n# mcpctl config; see \`mcpctl config schema > ${SCHEMA_FILE}\` for editor completion.\n`;

/**
 * Add server entries to a config file's text without losing what is there:
 * YAML through the `yaml` Document API (comments, order and style kept),
 * JSON and package.json by value (their indentation kept). A name that is
 * already configured keeps its entry unless `overwrite` is set.
 */
export async function mergeServers(
  existing: ExistingConfig | undefined,
  entries: ReadonlyArray<{ name: string; entry: ServerEntry }>,
  options: MergeOptions = {},
): Promise<MergeResult> {
  if (existing === undefined || existing.format === 'yaml') return mergeYaml(existing, entries, options);
  return mergeJson(existing, entries, options);
}

async function mergeYaml(existing: { text: string; filepath: string } | undefined, entries: ReadonlyArray<{ name: string; entry: ServerEntry }>, options: MergeOptions): Promise<MergeResult> {
  const YAML = await import('yaml');
  const text = existing?.text ?? NEW_FILE_HEADER;
  // Typed as a plain Document (not Document.Parsed) so new nodes can be set on it.
  const doc: import('yaml').Document = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const [first] = doc.errors;
    const at = first?.linePos?.[0];
    throw CONFIG_IMPORT(`Cannot merge into ${existing?.filepath}: it has a YAML syntax error${at ? ` at line ${at.line}, column ${at.col}` : ''}`, {
      hint: 'Fix the file first (`mcpctl config validate` shows where), or use --dry-run to see the entries.',
    });
  }
  if (doc.contents === null || (YAML.isScalar(doc.contents) && doc.contents.value === null)) doc.contents = doc.createNode({});
  if (!YAML.isMap(doc.contents)) throw notAMapping(existing?.filepath, 'the top level');

  let servers = doc.get('servers', true);
  if (servers === undefined || servers === null || (YAML.isScalar(servers) && servers.value === null)) {
    doc.set('servers', doc.createNode({}));
    servers = doc.get('servers', true);
  }
  if (!YAML.isMap(servers)) throw notAMapping(existing?.filepath, '`servers`');
  // `servers: {}` is flow style; entries added to it read better as a block.
  if (servers.items.length === 0) servers.flow = false;

  const result = addEntries(entries, options, (name) => servers.has(name), (name, entry) => servers.set(name, doc.createNode(entry)));
  return { text: doc.toString(), ...result };
}

function mergeJson(existing: ExistingConfig, entries: ReadonlyArray<{ name: string; entry: ServerEntry }>, options: MergeOptions): MergeResult {
  let document: unknown;
  try {
    document = JSON.parse(existing.text);
  } catch (error) {
    throw CONFIG_IMPORT(`Cannot merge into ${existing.filepath}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'Fix the file first (`mcpctl config validate` shows where), or use --dry-run to see the entries.',
    });
  }
  if (!isPlainObject(document)) throw notAMapping(existing.filepath, 'the top level');
  let root: Record<string, unknown> = document;
  if (existing.format === 'package.json') {
    if (!isPlainObject(document['mcpctl'])) document['mcpctl'] = {};
    root = document['mcpctl'] as Record<string, unknown>;
  }
  if (root['servers'] === undefined || root['servers'] === null) root['servers'] = {};
  const servers = root['servers'];
  if (!isPlainObject(servers)) throw notAMapping(existing.filepath, '`servers`');

  const result = addEntries(entries, options, (name) => Object.hasOwn(servers, name), (name, entry) => {
    servers[name] = entry;
  });
  return { text: `${JSON.stringify(document, null, detectIndent(existing.text))}\n`, ...result };
}

/** Add each entry through `set`, unless its name is present and `overwrite` is off; say which went where. */
function addEntries(
  entries: ReadonlyArray<{ name: string; entry: ServerEntry }>,
  options: MergeOptions,
  has: (name: string) => boolean,
  set: (name: string, entry: ServerEntry) => void,
): Omit<MergeResult, 'text'> {
  const result: Omit<MergeResult, 'text'> = { added: [], replaced: [], kept: [] };
  for (const { name, entry } of entries) {
    const present = has(name);
    if (present && !options.overwrite) {
      result.kept.push(name);
      continue;
    }
    set(name, entry);
    (present ? result.replaced : result.added).push(name);
  }
  return result;
}

function detectIndent(text: string): string | number {
  const match = /^([ \t]+)\S/m.exec(text);
  return match ? match[1]! : 2;
}

function notAMapping(filepath: string | undefined, what: string) {
  return CONFIG_IMPORT(`Cannot merge into ${filepath}: ${what} is not a mapping`, {
    hint: 'Make `servers:` a mapping of name → entry, or use --dry-run to see the entries and add them by hand.',
  });
}
