import type { ErrorObject, ValidateFunction } from 'ajv';
import type { McpctlConfig } from '../interfaces/config.js';
import { baseConfigSchema } from './base-schema.js';
import { declaredProperties, defKey, findProvider, getDef, knownNames, schemaObject, SERVER_ENTRY_DEF, SETTINGS_DEF, type ProvidedKind } from './fragments.js';
import { ajvErrorsToIssues, childPointer, describeValue, didYouMean, parsePointer } from '@mcpctl/diagnostics';
import { locatePointer } from './locate.js';
import { isPlainObject } from './profiles.js';
import { isSecretKey } from './secret-keys.js';
import type { ConfigFragment, ConfigIssue, ValidateOptions } from './types.js';
import { validatorSetFor } from './validators.js';

type Draft = Omit<ConfigIssue, 'line' | 'column'>;

const SERVER_KINDS: readonly ProvidedKind[] = ['serverType', 'transport'];
const AUTH_KINDS: readonly ProvidedKind[] = ['clientAuth'];

/**
 * Validate a resolved config against the kernel's base schema and the
 * plugins' fragments, in stages so that each problem is reported once and
 * by the schema that owns it: the base document; each server entry against
 * the plugin providing its `type`; each `auth` block against its method's
 * plugin; each `pluginConfig.<plugin>` against that plugin's settings.
 *
 * Defaults from the schemas are filled into `config` in place. Returns every
 * issue (empty when valid), sorted by position.
 */
export function validateConfig(config: McpctlConfig, fragments: readonly ConfigFragment[], options: ValidateOptions = {}): ConfigIssue[] {
  const base = options.baseSchema ?? baseConfigSchema();
  const validators = validatorSetFor(base, fragments);
  const secrets = new Set(options.secretPointers ?? []);
  const isSecret = (pointer: string) => secrets.has(pointer) || isSecretKey(parsePointer(pointer).at(-1) ?? '');
  const drafts: Draft[] = [];
  // Keys every entry may have: the base schema's and those plugins add through `serverEntry`
  // (every other option belongs to the plugin providing the entry's type or auth method).
  const entryKeys = serverEntryKeys(fragments);
  const entryOwn = [...new Set([...ownedOptions(base, 'serverEntry', 'type'), ...entryKeys.keys()])];
  const authOwn = ownedOptions(base, 'auth', 'method');

  const run = (validate: ValidateFunction, data: unknown, prefix: string, known: (pointer: string, error: ErrorObject) => readonly string[]) => {
    if (!validate(data)) drafts.push(...ajvErrorsToIssues(validate.errors ?? [], { prefix, knownOptions: known, isSecret }));
  };

  run(validators.base(), config, '', (_pointer, error) => declaredProperties(error.parentSchema, base));

  const servers = isPlainObject(config.servers) ? config.servers : {};
  const serverTypes = knownNames(fragments, SERVER_KINDS);
  for (const [name, entry] of Object.entries(servers)) {
    if (!isPlainObject(entry)) continue; // the base stage reported it
    const pointer = childPointer(childPointer('', 'servers'), name);
    if (typeof entry['type'] === 'string') {
      const provider = findProvider(fragments, SERVER_KINDS, entry['type']);
      if (!provider) {
        drafts.push(unknownName('type', entry['type'], childPointer(pointer, 'type'), serverTypes, options));
      } else {
        checkAgainstDef(provider.fragment, defKey(provider.kind, entry['type']), entryOwn, entry, pointer);
      }
    }
    for (const fragment of new Set(entryKeys.values())) {
      if (Object.keys(entry).some((key) => entryKeys.get(key) === fragment)) run(validators.forDef(fragment, SERVER_ENTRY_DEF, 'open'), entry, pointer, (_at, error) => declaredProperties(error.parentSchema, schemaObject(fragment)));
    }
    const auth = entry['auth'];
    if (isPlainObject(auth) && typeof auth['method'] === 'string') {
      const authPointer = childPointer(pointer, 'auth');
      const provider = findProvider(fragments, AUTH_KINDS, auth['method']);
      if (!provider) {
        drafts.push(unknownName('auth method', auth['method'], childPointer(authPointer, 'method'), knownNames(fragments, AUTH_KINDS), options));
      } else {
        checkAgainstDef(provider.fragment, defKey('clientAuth', auth['method']), authOwn, auth, authPointer);
      }
    }
  }

  const pluginConfig = isPlainObject(config.pluginConfig) ? config.pluginConfig : {};
  for (const [plugin, settings] of Object.entries(pluginConfig)) {
    const pointer = childPointer(childPointer('', 'pluginConfig'), plugin);
    const fragment = fragments.find((f) => f.plugin === plugin);
    if (fragment) {
      if (isPlainObject(settings)) checkAgainstDef(fragment, SETTINGS_DEF, [], settings, pointer);
    } else if (options.knownPlugins && !options.knownPlugins.includes(plugin)) {
      const suggestion = didYouMean(plugin, options.knownPlugins);
      drafts.push({
        pointer,
        message: `settings for \`${plugin}\`, which is not an installed plugin${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
        found: `\`${plugin}\``,
        hint: suggestion ? `Rename it to \`${suggestion}\`.` : 'Install the plugin, or remove these settings.',
      });
    }
  }

  // A missing `type` is best fixed knowing which types exist.
  for (const draft of drafts) {
    if (/^\/servers\/[^/]+$/.test(draft.pointer) && draft.message === 'missing required option `type`' && serverTypes.length > 0) {
      draft.hint = `Add \`type:\` with one of: ${serverTypes.join(', ')}.`;
    }
  }

  const issues = drafts.map((draft): ConfigIssue => {
    const position = locatePointer(options.file, draft.pointer, options.profile);
    return position ? { ...draft, line: position.line, column: position.column } : draft;
  });
  // A bad value in the applied profile is reported at /profiles/<name>/…; its
  // copy in the merged config (same place in the file) would say it twice.
  const inProfile = (issue: ConfigIssue) => issue.pointer.startsWith('/profiles/');
  const place = (issue: ConfigIssue) => (issue.line === undefined ? `?${issue.pointer}` : `${issue.line}:${issue.column}`);
  const profilePlaces = new Set(issues.filter(inProfile).map(place));

  return issues
    .filter((issue) => inProfile(issue) || !profilePlaces.has(place(issue)))
    .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0) || a.pointer.localeCompare(b.pointer));

  function checkAgainstDef(fragment: ConfigFragment, key: string, own: readonly string[], data: Record<string, unknown>, pointer: string): void {
    const def = getDef(fragment, key);
    // A plugin that provides a name but describes no options for it accepts any.
    if (def === undefined) return;
    const topLevel = [...own, ...declaredProperties(def, schemaObject(fragment))];
    run(validators.forDef(fragment, key, own), data, pointer, (at, error) => (at === pointer ? topLevel : declaredProperties(error.parentSchema, schemaObject(fragment))));
  }
}

/**
 * The keys plugins add to every server entry (their `serverEntry` definition's
 * properties), each with the fragment that owns it; the first plugin (in
 * precedence order) to declare a key owns it.
 */
function serverEntryKeys(fragments: readonly ConfigFragment[]): Map<string, ConfigFragment> {
  const keys = new Map<string, ConfigFragment>();
  for (const fragment of fragments) {
    const def = getDef(fragment, SERVER_ENTRY_DEF);
    if (def === undefined) continue;
    for (const key of declaredProperties(def, schemaObject(fragment))) if (!keys.has(key)) keys.set(key, fragment);
  }
  return keys;
}

/** The option names the base schema declares for `$defs[def]`; the discriminator always among them. */
function ownedOptions(base: unknown, def: string, discriminator: string): string[] {
  return [...new Set([discriminator, ...declaredProperties({ $ref: `#/$defs/${def}` }, base)])];
}

function unknownName(kind: 'type' | 'auth method', name: string, pointer: string, known: readonly string[], options: ValidateOptions): Draft {
  const provider = options.knownProviders?.[name];
  const knownList = known.length > 0 ? known.join(', ') : '(none: no plugin provides one)';
  if (provider) {
    return {
      pointer,
      message: `${kind} \`${name}\` is provided by ${provider}, which is not installed`,
      expected: `one of ${knownList}`,
      found: describeValue(name),
      hint: `${capitalize(options.installHint?.(provider) ?? `install the npm package ${provider} where mcpctl finds plugins`)}, or use one of: ${knownList}.`,
    };
  }
  const suggestion = didYouMean(name, known);
  return {
    pointer,
    message: `unknown ${kind} \`${name}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}; known ${kind}s: ${knownList}`,
    expected: `one of ${knownList}`,
    found: describeValue(name),
    hint: suggestion ? `Did you mean \`${suggestion}\`?` : `Use one of: ${knownList}, or install the plugin that provides \`${name}\`.`,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
