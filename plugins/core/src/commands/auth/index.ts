import type { CommandSpec } from '@mcpctl/kernel';
import { authHash } from './hash.js';

/** The `auth` command group of the core plugin. */
export const authCommands: CommandSpec<any>[] = [authHash];
