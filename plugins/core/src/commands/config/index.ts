import type { CommandSpec } from '@mcpctl/kernel';

/** The `config` command group of the core plugin. */
export const configCommands: CommandSpec<any>[] = [];
