import { Cli, Command, Option, type BaseContext, type CommandClass } from 'clipanion';
import { errors, type CommandSpec, type OptionSpec } from '@mcpctl/kernel';

/** Values the adapter hands to `run`, read back from the parsed clipanion command. */
export interface ParsedArguments {
  options: Record<string, unknown>;
  positionals: Record<string, string | undefined>;
  rest: string[];
}

const RESERVED = new Set(['config', 'profile', 'logLevel', 'json', 'safeMode', 'help', 'version']);
const OPTION_PREFIX = 'option:';
const POSITIONAL_PREFIX = 'positional:';
const REST_KEY = 'rest:';

/** The clipanion context a parsed command runs with: the streams, and what runs the spec with the parsed arguments. */
export interface SpecContext extends BaseContext {
  execute(args: ParsedArguments): Promise<number>;
}

/**
 * Turns a plain command spec into a clipanion command class. Plugins never
 * depend on clipanion: the CLI owns the parser, plugins own the data. What
 * runs is the context's `execute`, so one class (and one Cli) serves every
 * run of the spec in a process.
 */
export function toClipanionCommand(spec: CommandSpec<Record<string, OptionSpec>>): CommandClass<SpecContext> {
  for (const name of Object.keys(spec.options ?? {})) {
    if (RESERVED.has(name)) throw errors.USAGE_ERROR(`command "${spec.path.join(' ')}" declares the global option --${kebab(name)}`);
  }
  const globalsNote = 'Global options: --config <path>, --profile <name>, --log-level <level>, --json, --safe-mode.';
  class SpecCommand extends Command<SpecContext> {
    static override paths = [spec.path];
    static override usage = Command.Usage({
      description: spec.summary,
      details: [spec.description ?? '', argumentsNote(spec), globalsNote].filter(Boolean).join('\n\n'),
      examples: spec.examples,
    });

    constructor() {
      super();
      const fields = this as unknown as Record<string, unknown>;
      for (const [name, option] of Object.entries(spec.options ?? {})) fields[OPTION_PREFIX + name] = defineOption(name, option);
      for (const positional of spec.positionals ?? []) {
        fields[POSITIONAL_PREFIX + positional.name] = Option.String({ required: positional.required !== false, name: positional.name });
      }
      if (spec.rest) fields[REST_KEY] = Option.Rest({ name: spec.rest.name, required: spec.rest.required ? 1 : 0 });
    }

    override async execute(): Promise<number> {
      const fields = this as unknown as Record<string, unknown>;
      const options: Record<string, unknown> = {};
      for (const [name, option] of Object.entries(spec.options ?? {})) options[name] = readOption(name, option, fields[OPTION_PREFIX + name]);
      const positionals: Record<string, string | undefined> = {};
      for (const positional of spec.positionals ?? []) positionals[positional.name] = fields[POSITIONAL_PREFIX + positional.name] as string | undefined;
      return this.context.execute({ options, positionals, rest: (fields[REST_KEY] as string[] | undefined) ?? [] });
    }
  }
  return SpecCommand;
}

/**
 * The word shown after an option that takes a value: the spec's placeholder
 * (a bare word becomes `<word>`), else one derived from its type. Clipanion
 * itself would show `#0`.
 */
export function placeholderOf(option: OptionSpec): string | undefined {
  if (option.type === 'boolean') return undefined;
  const given = option.placeholder?.trim();
  if (given) return /^[\w-]+$/.test(given) ? `<${given}>` : given;
  if (option.type === 'string' && option.choices) return `<${option.choices.join('|')}>`;
  return option.type === 'number' ? '<n>' : '<value>';
}

/**
 * A clipanion Cli for one spec whose help shows each option's placeholder
 * instead of clipanion's `#0`, and which builds its parser once: clipanion
 * compiles the state machine on every `process()` (2–5 ms for `call` in the
 * daemon, where the same command runs for every thin client); the machine
 * only reads its input, so the first one is kept.
 */
export function createCli(spec: CommandSpec<Record<string, OptionSpec>>, command: CommandClass<SpecContext>, options: ConstructorParameters<typeof Cli>[0]): Cli<SpecContext> {
  const placeholders = new Map<string, string>();
  for (const [name, option] of Object.entries(spec.options ?? {})) {
    const placeholder = placeholderOf(option);
    if (placeholder) placeholders.set(`--${kebab(name)}`, placeholder);
  }
  // `--name #0` (and `-s,--name #0`) → `--name <placeholder>`, in the usage line and the option list alike.
  const withPlaceholders = (text: string) =>
    text.replace(/(--[\w-]+) #0/g, (whole, flag: string) => (placeholders.has(flag) ? `${flag} ${placeholders.get(flag)}` : whole));
  // Clipanion shows optional positionals followed by optional rest arguments as a bare `...`
  // (and required ones as `<name> ...`): name them.
  const withRest = (text: string): string => {
    if (!spec.rest) return text;
    const shown = spec.rest.required ? ` <${spec.rest.name}> ...` : ' ...';
    if (!text.endsWith(shown)) return text;
    const optional = spec.rest.required ? [] : (spec.positionals ?? []).filter((positional) => positional.required === false).map((positional) => `[${positional.name}]`);
    return `${text.slice(0, -shown.length)} ${[...optional, spec.rest.required ? `<${spec.rest.name}>...` : `[${spec.rest.name}...]`].join(' ')}`;
  };
  class SpecCli extends Cli<SpecContext> {
    protected override getUsageByIndex(index: number, opts?: { detailed?: boolean; inlineOptions?: boolean }) {
      const usage = super.getUsageByIndex(index, opts);
      return {
        ...usage,
        usage: withRest(withPlaceholders(usage.usage)),
        options: usage.options.map((option) => ({ ...option, definition: withPlaceholders(option.definition) })),
      };
    }
  }
  const cli = new SpecCli(options);
  cli.register(command);
  keepCompiledParser(cli);
  return cli;
}

/** Memoizes the Cli's (internal) builder.compile(); left alone if this clipanion has no such method. */
function keepCompiledParser(cli: Cli<SpecContext>): void {
  const builder = (cli as unknown as { builder?: { compile?: () => unknown } }).builder;
  const compile = builder?.compile?.bind(builder);
  if (!builder || !compile) return;
  let compiled: unknown;
  builder.compile = () => (compiled ??= compile());
}

/** The positionals and rest arguments that have descriptions, one line each, for the details. */
function argumentsNote(spec: CommandSpec<Record<string, OptionSpec>>): string {
  const rows: Array<[string, string]> = [];
  for (const positional of spec.positionals ?? []) {
    if (positional.description) rows.push([positional.required === false ? `[${positional.name}]` : `<${positional.name}>`, positional.description]);
  }
  if (spec.rest?.description) rows.push([spec.rest.required ? `<${spec.rest.name}>...` : `[${spec.rest.name}...]`, spec.rest.description]);
  // One paragraph: clipanion re-flows the details.
  return rows.length === 0 ? '' : `Arguments: ${rows.map(([label, text]) => `${label} — ${text}`).join('; ')}.`;
}

function defineOption(name: string, option: OptionSpec): unknown {
  const flags = option.short ? `-${option.short},--${kebab(name)}` : `--${kebab(name)}`;
  // Choices show in the placeholder (`<http|sse>`) unless the spec names its own placeholder.
  const description = option.type === 'string' && option.choices && option.placeholder ? `${option.description} (${option.choices.join('|')})` : option.description;
  const common = { description, hidden: option.hidden ?? false };
  switch (option.type) {
    case 'boolean':
      return Option.Boolean(flags, option.default ?? false, common);
    case 'array':
      return Option.Array(flags, [], common);
    case 'number':
    case 'string':
      return Option.String(flags, { ...common, arity: 1 });
  }
}

function readOption(name: string, option: OptionSpec, value: unknown): unknown {
  if (option.type === 'boolean' || option.type === 'array') return value;
  if (value === undefined) return option.default;
  const text = String(value);
  if (option.type === 'number') {
    const number = Number(text);
    if (text.trim() === '' || !Number.isFinite(number)) throw errors.USAGE_ERROR(`--${kebab(name)} expects a number, got "${text}"`);
    return number;
  }
  if (option.choices && !option.choices.includes(text)) throw errors.USAGE_ERROR(`--${kebab(name)} must be one of ${option.choices.join(', ')}, got "${text}"`);
  return text;
}

export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
