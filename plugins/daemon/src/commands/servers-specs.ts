import { defineCommand, type CommandSpec } from '@mcpctl/kernel';
import { ALL_OPTIONS, LOG_OPTIONS, NAME, NO_OPTIONS, OPTIONAL_NAME } from './options.js';

const nameOrAll = { positionals: [OPTIONAL_NAME], options: ALL_OPTIONS };

/** `mcpctl servers …`: light specs; each `run` imports its implementation. */
export const serversCommands: CommandSpec<any>[] = [
  defineCommand({
    path: ['servers', 'list'],
    summary: 'List supervised servers with state, pid, uptime, restarts and health',
    options: NO_OPTIONS,
    run: async (ctx) => (await import('./impl/servers-list.js')).serversList(ctx),
  }),
  defineCommand({
    path: ['servers', 'status'],
    summary: 'Show one supervised server in detail',
    positionals: [NAME],
    options: NO_OPTIONS,
    run: async (ctx) => (await import('./impl/servers-status.js')).serversStatus(ctx),
  }),
  defineCommand({
    path: ['servers', 'start'],
    summary: 'Start a server (clears a failed breaker)',
    ...nameOrAll,
    examples: [['Start one server', 'mcpctl servers start files'], ['Start every server', 'mcpctl servers start --all']],
    run: async (ctx) => (await import('./impl/servers-control.js')).serversControl('start', ctx),
  }),
  defineCommand({
    path: ['servers', 'stop'],
    summary: 'Stop a server',
    ...nameOrAll,
    run: async (ctx) => (await import('./impl/servers-control.js')).serversControl('stop', ctx),
  }),
  defineCommand({
    path: ['servers', 'restart'],
    summary: 'Restart a server',
    ...nameOrAll,
    run: async (ctx) => (await import('./impl/servers-control.js')).serversControl('restart', ctx),
  }),
  defineCommand({
    path: ['servers', 'logs'],
    summary: "Print (or follow) a server's stderr log",
    positionals: [NAME],
    options: LOG_OPTIONS,
    run: async (ctx) => (await import('./impl/servers-logs.js')).serversLogs(ctx),
  }),
  defineCommand({
    path: ['servers', 'enable'],
    summary: 'Start this server whenever the daemon starts',
    positionals: [NAME],
    options: NO_OPTIONS,
    run: async (ctx) => (await import('./impl/servers-enable.js')).serversEnable(true, ctx),
  }),
  defineCommand({
    path: ['servers', 'disable'],
    summary: 'Do not start this server when the daemon starts',
    positionals: [NAME],
    options: NO_OPTIONS,
    run: async (ctx) => (await import('./impl/servers-enable.js')).serversEnable(false, ctx),
  }),
];
