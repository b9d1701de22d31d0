import type { CommandSpec } from '@mcpctl/kernel';

/** The `plugins` command group of the core plugin. */
export const pluginsCommands: CommandSpec<any>[] = [];
