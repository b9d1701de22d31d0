import { defineCommand, type CommandSpec } from '@mcpctl/kernel';
import { LOG_OPTIONS, NO_OPTIONS, RELOAD_OPTIONS, START_OPTIONS, STOP_OPTIONS } from './options.js';

/** `mcpctl daemon …`: light specs; each `run` imports its implementation. */
export const daemonCommands: CommandSpec<any>[] = [
  defineCommand({
    path: ['daemon', 'start'],
    summary: 'Start the background daemon (detached unless --foreground)',
    description:
      'Starts the daemon that supervises the configured servers and keeps warm sessions for client commands. ' +
      'One daemon runs per user; if one is already running this says so and succeeds. After a crash (kill -9) the daemon restores every server that was running.',
    examples: [
      ['Start the daemon in the background', 'mcpctl daemon start'],
      ['Run it in this terminal (logs to stderr)', 'mcpctl daemon start --foreground'],
    ],
    options: START_OPTIONS,
    run: async (ctx) => (await import('./impl/daemon-start.js')).daemonStart(ctx),
  }),
  defineCommand({
    path: ['daemon', 'stop'],
    summary: 'Stop the daemon and every server it supervises',
    options: STOP_OPTIONS,
    run: async (ctx) => (await import('./impl/daemon-stop.js')).daemonStop(ctx),
  }),
  defineCommand({
    path: ['daemon', 'status'],
    summary: "Show the daemon's pid, uptime, socket, version and servers by state",
    description: 'Exits with code 3 when no daemon is running.',
    options: NO_OPTIONS,
    run: async (ctx) => (await import('./impl/daemon-status.js')).daemonStatus(ctx),
  }),
  defineCommand({
    path: ['daemon', 'reload'],
    summary: 'Re-read the config and apply it as a diff',
    description:
      'Starts added servers, stops removed ones, restarts changed ones and leaves the rest untouched. ' +
      'An invalid config is rejected and the running set stays as it was. SIGHUP to the daemon does the same. ' +
      'The daemon re-reads the config file it was started with (or the one given with --config).',
    options: RELOAD_OPTIONS,
    run: async (ctx) => (await import('./impl/daemon-reload.js')).daemonReload(ctx),
  }),
  defineCommand({
    path: ['daemon', 'logs'],
    summary: "Print (or follow) the daemon's own log",
    options: LOG_OPTIONS,
    run: async (ctx) => (await import('./impl/daemon-logs.js')).daemonLogs(ctx),
  }),
];
