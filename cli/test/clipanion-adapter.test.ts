import type { CommandSpec, OptionSpec } from '@mcpctl/kernel';
import { describe, expect, it } from 'vitest';
import { createCli, placeholderOf, toClipanionCommand } from '../src/clipanion-adapter.js';

const spec: CommandSpec<Record<string, OptionSpec>> = {
  path: ['demo', 'run'],
  summary: 'A demo',
  options: {
    timeout: { type: 'number', description: 'Timeout in ms', placeholder: '<ms>' },
    lines: { type: 'number', short: 'n', description: 'Lines', placeholder: 'N' },
    count: { type: 'number', description: 'How many' },
    mode: { type: 'string', description: 'Mode', choices: ['fast', 'safe'] },
    header: { type: 'array', description: 'A header', placeholder: "'Name: value'" },
    name: { type: 'string', description: 'A name' },
    verbose: { type: 'boolean', description: 'Talk more' },
  },
  positionals: [{ name: 'target' }],
  run: async () => 0,
};

describe('command help placeholders', () => {
  it('derives a word for every option that takes a value', () => {
    expect(placeholderOf(spec.options!['timeout']!)).toBe('<ms>');
    expect(placeholderOf(spec.options!['lines']!)).toBe('<N>');
    expect(placeholderOf(spec.options!['count']!)).toBe('<n>');
    expect(placeholderOf(spec.options!['mode']!)).toBe('<fast|safe>');
    expect(placeholderOf(spec.options!['header']!)).toBe("'Name: value'");
    expect(placeholderOf(spec.options!['name']!)).toBe('<value>');
    expect(placeholderOf(spec.options!['verbose']!)).toBeUndefined();
  });

  it('renders them in --help instead of clipanion\'s #0', () => {
    const command = toClipanionCommand(spec);
    const cli = createCli(spec, command, { binaryName: 'mcpctl' });
    const help = cli.usage(command, { detailed: true, colored: false });
    expect(help).not.toMatch(/#\d/);
    for (const shown of ['--timeout <ms>', '-n,--lines <N>', '--count <n>', '--mode <fast|safe>', "--header 'Name: value'", '--name <value>']) expect(help).toContain(shown);
    expect(help).toMatch(/--verbose\s+Talk more/);
    // The option list stays aligned: every description starts in the same column.
    const columns = help.split('\n').filter((line) => line.startsWith('  -')).map((line) => line.search(/ {4}\S/));
    expect(new Set(columns).size).toBe(1);
  });
});

describe('command help arguments', () => {
  const usageOf = (argumentSpec: Pick<CommandSpec<Record<string, OptionSpec>>, 'positionals' | 'rest'>) => {
    const withArguments: CommandSpec<Record<string, OptionSpec>> = { path: ['demo', 'call'], summary: 'A demo', run: async () => 0, ...argumentSpec };
    const command = toClipanionCommand(withArguments);
    return createCli(withArguments, command, { binaryName: 'mcpctl' }).usage(command, { detailed: true, colored: false });
  };

  it('names the rest arguments, and the optional positionals before them, where clipanion shows a bare ...', () => {
    const help = usageOf({
      positionals: [{ name: 'target', description: 'The server' }, { name: 'tool', required: false, description: 'The tool' }],
      rest: { name: 'arguments', description: 'key=value arguments' },
    });
    expect(help).toContain('$ mcpctl demo call <target> [tool] [arguments...]');
    // Clipanion wraps the details at 80 columns.
    expect(help.replace(/\s*\n\s*/g, ' ')).toContain('Arguments: <target> — The server; [tool] — The tool; [arguments...] — key=value arguments.');
    expect(usageOf({ rest: { name: 'specs', required: true } })).toContain('$ mcpctl demo call <specs>...');
  });

  it('lists no arguments when none is described', () => {
    expect(usageOf({ positionals: [{ name: 'target' }] })).not.toContain('Arguments:');
  });
});

describe('one parser per Cli', () => {
  it('compiles clipanion\'s state machine once, and parses every run right with it', async () => {
    const command = toClipanionCommand(spec);
    const cli = createCli(spec, command, { binaryName: 'mcpctl' });
    const builder = (cli as unknown as { builder: { compile(): unknown } }).builder;
    const compiled = builder.compile();
    expect(builder.compile()).toBe(compiled);
    const seen: unknown[] = [];
    const context = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: {}, colorDepth: 1, execute: async (args: unknown) => (seen.push(args), 0) };
    for (const [target, count] of [['a', '1'], ['b', '2']] as const) {
      const parsed = cli.process(['demo', 'run', target, '--count', count], context);
      expect(await parsed.validateAndExecute()).toBe(0);
    }
    expect(seen).toMatchObject([{ positionals: { target: 'a' }, options: { count: 1 } }, { positionals: { target: 'b' }, options: { count: 2 } }]);
  });
});
