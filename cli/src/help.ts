import type { RoutedCommand } from '@mcpctl/kernel/runtime';
import { GLOBAL_OPTION_HELP } from './global-options.js';

const CATEGORY_ORDER = ['Client', 'Servers', 'Daemon', 'Config', 'Plugins'];

/**
 * The global help, and the help of a command group (`mcpctl config`),
 * rendered from manifest data alone: no plugin code runs.
 */
export function renderHelp(version: string, commands: RoutedCommand[], options: { prefix?: string[]; problems: number }): string {
  const prefix = options.prefix ?? [];
  const visible = commands.filter((command) => !command.hidden && prefix.every((word, index) => command.path[index] === word));
  const groups = new Map<string, RoutedCommand[]>();
  for (const command of visible) {
    const category = command.category ?? 'Other';
    const group = groups.get(category);
    if (group) group.push(command);
    else groups.set(category, [command]);
  }
  // Code-point order, not localeCompare: its first call builds an ICU collator (~8 ms of start-up).
  const order = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const width = Math.max(20, ...visible.map((command) => command.path.join(' ').length + 2));
  const lines = [
    `mcpctl ${version} — talk to, serve, supervise and expose MCP servers`,
    '',
    `Usage: mcpctl ${prefix.length ? `${prefix.join(' ')} ` : ''}<command> [options]`,
  ];
  for (const category of order) {
    lines.push('', `${category}:`);
    for (const command of groups.get(category)!) {
      const name = command.path.join(' ');
      lines.push(`  ${name.padEnd(width)}${command.summary}${command.plugin.startsWith('@mcpctl/') ? '' : `  [${command.plugin}]`}`);
    }
  }
  lines.push('', 'Global options:');
  const optionWidth = Math.max(...GLOBAL_OPTION_HELP.map(([flag]) => flag.length)) + 2;
  for (const [flag, text] of GLOBAL_OPTION_HELP) lines.push(`  ${flag.padEnd(optionWidth)}${text}`);
  lines.push('', 'Run `mcpctl <command> --help` for its options and examples.');
  lines.push('Exit codes: 0 ok, 1 failure, 2 usage or config error, 3 cannot connect, 4 protocol error, 124 timeout, 130 interrupted.');
  if (options.problems > 0) lines.push('', `${options.problems} plugin problem(s): run \`mcpctl plugins doctor\` for details.`);
  return `${lines.join('\n')}\n`;
}

function rank(category: string): number {
  const index = CATEGORY_ORDER.indexOf(category);
  return index === -1 ? CATEGORY_ORDER.length : index;
}

/** Commands whose path starts with these words (for `mcpctl config` with no subcommand). */
export function commandsUnder(commands: RoutedCommand[], words: string[]): RoutedCommand[] {
  return commands.filter((command) => command.path.length > words.length && words.every((word, index) => command.path[index] === word));
}
