import type { CommandSpec } from '@mcpctl/kernel';
import { daemonStartCommand } from './start.js';
import { daemonStopCommand } from './stop.js';
import { daemonStatusCommand } from './status.js';
import { daemonReloadCommand } from './reload.js';
import { daemonLogsCommand } from './logs.js';

/** `mcpctl daemon …`: light specs; each `run` imports its implementation. */
export const daemonCommands: CommandSpec<any>[] = [daemonStartCommand, daemonStopCommand, daemonStatusCommand, daemonReloadCommand, daemonLogsCommand];
