import type { ServerEntry } from '@mcpctl/kernel';
import { isPlainObject } from '../client/json-schema-check.js';

/** What an import found in a file of another tool's format. */
export interface ConversionResult {
  /** Which layout the file had. */
  source: 'mcpServers' | 'vscode';
  /** Converted entries by (prefixed, sanitized) name, in file order. */
  entries: Array<{ name: string; entry: ServerEntry }>;
  /** Things the user should know: skipped entries, renamed entries, variables to set. */
  warnings: string[];
}

export interface ConversionOptions {
  /** Prepended to every server name. */
  namePrefix?: string;
  /** Directory `${workspaceFolder}` stands for (VS Code); left as is when absent. */
  workspaceFolder?: string;
}

type Json = Record<string, unknown>;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Convert the `mcpServers` JSON of Claude Desktop / Cursor / Windsurf
 * (`{ mcpServers: { name: { command, args, env, cwd } | { url, headers, type } } }`)
 * or VS Code's (`{ servers: { name: { type, … } }, inputs }`, also under
 * `mcp` in settings.json) into mcpctl server entries: `type: stdio` with
 * command/args/env/cwd, or `type: http` / `type: sse` with url/headers.
 * Returns undefined when the document has neither layout.
 */
export function convertMcpServers(document: unknown, options: ConversionOptions = {}): ConversionResult | undefined {
  if (!isPlainObject(document)) return undefined;
  const vscodeRoot = isPlainObject(document['mcp']) ? document['mcp'] : document;
  let source: ConversionResult['source'];
  let servers: Json;
  let inputs: unknown;
  if (isPlainObject(document['mcpServers'])) {
    source = 'mcpServers';
    servers = document['mcpServers'];
  } else if (isPlainObject(vscodeRoot['servers'])) {
    source = 'vscode';
    servers = vscodeRoot['servers'];
    inputs = vscodeRoot['inputs'];
  } else {
    return undefined;
  }

  const warnings: string[] = [];
  const inputVariables = new Map<string, string>();
  const rewrite = (value: string): string =>
    value
      .replace(/\$\{input:([^}]+)\}/g, (_match, id: string) => {
        const variable = envNameFor(id);
        inputVariables.set(id, variable);
        return `\${env:${variable}}`;
      })
      .replace(/\$\{workspaceFolder\}/g, (match) => options.workspaceFolder ?? match);

  const entries: ConversionResult['entries'] = [];
  for (const [originalName, raw] of Object.entries(servers)) {
    if (!isPlainObject(raw)) {
      warnings.push(`${originalName}: not an object; skipped`);
      continue;
    }
    if (raw['disabled'] === true) {
      warnings.push(`${originalName}: disabled in the source file; skipped`);
      continue;
    }
    const entry = convertEntry(originalName, raw, rewrite, warnings);
    if (!entry) continue;
    let name = `${options.namePrefix ?? ''}${originalName}`;
    if (!NAME.test(name)) {
      const sanitized = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'server';
      warnings.push(`${originalName}: renamed to ${sanitized} (server names are letters, digits, '.', '_' and '-')`);
      name = sanitized;
    }
    entries.push({ name, entry });
  }

  for (const [id, variable] of inputVariables) {
    const description = describeInput(inputs, id);
    warnings.push(`input "${id}"${description ? ` (${description})` : ''} is now \${env:${variable}}: set ${variable} in the environment`);
  }
  return { source, entries, warnings };
}

function convertEntry(name: string, raw: Json, rewrite: (value: string) => string, warnings: string[]): ServerEntry | undefined {
  const declared = typeof raw['type'] === 'string' ? raw['type'] : undefined;
  const strings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map((item) => rewrite(String(item))) : undefined);
  const map = (value: unknown): Record<string, string> | undefined =>
    isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite(String(item))])) : undefined;

  if (typeof raw['command'] === 'string' && (declared === undefined || declared === 'stdio')) {
    const entry: ServerEntry = { type: 'stdio', command: rewrite(raw['command']) };
    const args = strings(raw['args']);
    const env = map(raw['env']);
    if (args && args.length > 0) entry['args'] = args;
    if (env && Object.keys(env).length > 0) entry['env'] = env;
    if (typeof raw['cwd'] === 'string') entry['cwd'] = rewrite(raw['cwd']);
    if (raw['envFile'] !== undefined) warnings.push(`${name}: envFile is not supported; set those variables in \`env:\` or the environment`);
    return entry;
  }
  if (typeof raw['url'] === 'string') {
    const transport = remoteTransport(declared, raw['url']);
    if (!transport) {
      warnings.push(`${name}: unsupported type "${declared}"; skipped`);
      return undefined;
    }
    const entry: ServerEntry = { type: transport, url: rewrite(raw['url']) };
    const headers = map(raw['headers']);
    if (headers && Object.keys(headers).length > 0) entry['headers'] = headers;
    return entry;
  }
  warnings.push(`${name}: neither \`command\` nor \`url\`${declared ? ` (type "${declared}")` : ''}; skipped`);
  return undefined;
}

/** The mcpctl transport for a remote entry: its declared type, else by URL (`…/sse` is legacy SSE). */
function remoteTransport(declared: string | undefined, url: string): 'http' | 'sse' | undefined {
  switch (declared) {
    case undefined:
      return /\/sse\/?(\?.*)?$/.test(url) ? 'sse' : 'http';
    case 'http':
    case 'streamable-http':
    case 'streamableHttp':
      return 'http';
    case 'sse':
      return 'sse';
    default:
      return undefined;
  }
}

/** `${input:api-key}` becomes `${env:API_KEY}`. */
export function envNameFor(inputId: string): string {
  const name = inputId.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
  return /^[A-Z_]/.test(name) ? name : `INPUT_${name}`;
}

function describeInput(inputs: unknown, id: string): string | undefined {
  if (!Array.isArray(inputs)) return undefined;
  const input = inputs.find((item): item is Json => isPlainObject(item) && item['id'] === id);
  return typeof input?.['description'] === 'string' ? input['description'] : undefined;
}
