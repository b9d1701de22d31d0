import type { CommandSpec } from '@mcpctl/kernel';

/** The `client` command group of the core plugin. */
export const clientCommands: CommandSpec<any>[] = [];
