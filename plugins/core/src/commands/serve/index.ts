import type { CommandSpec } from '@mcpctl/kernel';
import { serveCommand } from './serve.js';

/** The `serve` command group of the core plugin. */
export const serveCommands: CommandSpec<any>[] = [serveCommand];
