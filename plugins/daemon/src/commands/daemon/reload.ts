import { defineCommand } from '@mcpctl/kernel';
import { RELOAD_OPTIONS } from '../options.js';

export const daemonReloadCommand = defineCommand({
  path: ['daemon', 'reload'],
  summary: 'Re-read the config and apply it as a diff',
  description:
    'Starts added servers, stops removed ones, restarts changed ones and leaves the rest untouched. ' +
    'An invalid config is rejected and the running set stays as it was. SIGHUP to the daemon does the same. ' +
    'The daemon re-reads the config file it was started with (or the one given with --config).',
  options: RELOAD_OPTIONS,
  run: async (ctx) => (await import('../../run/daemon/reload.js')).daemonReload(ctx),
});
