import type { CommandSpec } from '@mcpctl/kernel';

/** The `serve` command group of the core plugin. */
export const serveCommands: CommandSpec<any>[] = [];
