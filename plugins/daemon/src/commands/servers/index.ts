import type { CommandSpec } from '@mcpctl/kernel';
import { serversListCommand } from './list.js';
import { serversStatusCommand } from './status.js';
import { serversStartCommand } from './start.js';
import { serversStopCommand } from './stop.js';
import { serversRestartCommand } from './restart.js';
import { serversLogsCommand } from './logs.js';
import { serversEnableCommand } from './enable.js';
import { serversDisableCommand } from './disable.js';

/** `mcpctl servers …`: light specs; each `run` imports its implementation. */
export const serversCommands: CommandSpec<any>[] = [
  serversListCommand, serversStatusCommand, serversStartCommand, serversStopCommand,
  serversRestartCommand, serversLogsCommand, serversEnableCommand, serversDisableCommand,
];
